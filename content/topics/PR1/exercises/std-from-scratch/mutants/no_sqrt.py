"""This returns the variance: the standard deviation is its square root."""
import torch


def std(x, dim=-1, correction=1):
    n = x.shape[dim]
    return ((x - x.mean(dim=dim, keepdim=True)) ** 2).sum(dim=dim) / (n - correction)
