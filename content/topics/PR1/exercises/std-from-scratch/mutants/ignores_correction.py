"""`correction` is ignored and the sum is always divided by n: divide by (n - correction), so correction=1 gives the unbiased version."""
import torch


def std(x, dim=-1, correction=1):
    return ((x - x.mean(dim=dim, keepdim=True)) ** 2).mean(dim=dim).sqrt()
