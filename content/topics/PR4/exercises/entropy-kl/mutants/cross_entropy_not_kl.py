"""`kl` returns the cross-entropy H(p, q) = -sum p log q: the KL divergence subtracts the entropy H(p) from it."""
import torch


def entropy(p):
    return -torch.xlogy(p, p).sum(dim=-1)


def kl(p, q):
    return -torch.xlogy(p, q).sum(dim=-1)
