import torch


def jac_cumsum(n):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return torch.where(j <= i, 1.0, 0.0).to(torch.float64)


def jac_running_mean(n, w):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    inside = (j <= i) & (j >= i - w + 1)
    return torch.where(inside, 1.0 / w, 0.0).to(torch.float64)


def jac_slice(n, start, length):
    i, j = torch.arange(length)[:, None], torch.arange(n)[None, :]
    return torch.where(j == start + i, 1.0, 0.0).to(torch.float64)
