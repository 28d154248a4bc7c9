"""`jac_cumsum` is transposed (upper triangular): output i depends on the inputs j <= i, so row i has ones in columns 0..i."""
import torch


def jac_cumsum(n):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (j >= i).to(torch.float64)


def jac_running_mean(n, w):
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return ((j <= i) & (j > i - w)).to(torch.float64) / w


def jac_slice(n, start, length):
    i, j = torch.arange(length)[:, None], torch.arange(n)[None, :]
    return (j == i + start).to(torch.float64)
