"""The reduced axis is kept with size 1: the result should drop axis `dim` (sum without keepdim=True at the end)."""
import torch


def std(x, dim=-1, correction=1):
    n = x.shape[dim]
    return ((x - x.mean(dim=dim, keepdim=True)) ** 2).sum(dim=dim, keepdim=True).div(n - correction).sqrt()
