"""This averages the absolute deviations |x - mean| instead of squaring them: the standard deviation is the square root of the mean squared deviation."""
import torch


def std(x, dim=-1, correction=1):
    n = x.shape[dim]
    return (x - x.mean(dim=dim, keepdim=True)).abs().sum(dim=dim) / (n - correction)
