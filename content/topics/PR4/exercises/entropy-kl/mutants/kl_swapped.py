"""`kl` computes KL(q || p): the divergence is not symmetric; KL(p || q) = sum_k p_k log(p_k / q_k), weighted by p."""
import torch


def entropy(p):
    return -torch.xlogy(p, p).sum(dim=-1)


def kl(p, q):
    return (torch.xlogy(q, q) - torch.xlogy(q, p)).sum(dim=-1)
