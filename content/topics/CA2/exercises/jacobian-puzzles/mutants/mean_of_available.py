"""At the start, `jac_running_mean` divides by the number of terms present instead of by w: the spec leaves out terms with j < 0 but still divides by w."""
import torch


def jac_cumsum(n):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (j <= i).to(torch.float64)


def jac_running_mean(n, w):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    band = ((j <= i) & (j > i - w)).to(torch.float64)
    return band / band.sum(dim=1, keepdim=True)


def jac_slice(n, start, length):
    i, j = torch.arange(length)[:, None], torch.arange(n)[None, :]
    return (j == i + start).to(torch.float64)
