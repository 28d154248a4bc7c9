"""`jac_slice` has shape (n, length): a Jacobian is (outputs, inputs), and the slice has `length` outputs."""
import torch


def jac_cumsum(n):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (j <= i).to(torch.float64)


def jac_running_mean(n, w):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return ((j <= i) & (j > i - w)).to(torch.float64) / w


def jac_slice(n, start, length):
    i, j = torch.arange(n)[:, None], torch.arange(length)[None, :]
    return (i == j + start).to(torch.float64)
