import torch


def jac_cumsum(n):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (i - j >= 0).double()


def jac_running_mean(n, w):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    lag = i - j                          # how far back input j is from output i
    return ((lag >= 0) & (lag < w)).double() * (1.0 / w)


def jac_slice(n, start, length):
    i, j = torch.arange(length)[:, None], torch.arange(n)[None, :]
    return (j - i == start).double()
