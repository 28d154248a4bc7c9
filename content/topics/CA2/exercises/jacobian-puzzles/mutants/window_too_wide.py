"""`jac_running_mean`'s window has w + 1 entries (j >= i - w): it covers j = i - w + 1, ..., i, that is j > i - w."""
import torch


def jac_cumsum(n):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (j <= i).to(torch.float64)


def jac_running_mean(n, w):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return ((j <= i) & (j >= i - w)).to(torch.float64) / w


def jac_slice(n, start, length):
    i, j = torch.arange(length)[:, None], torch.arange(n)[None, :]
    return (j == i + start).to(torch.float64)
