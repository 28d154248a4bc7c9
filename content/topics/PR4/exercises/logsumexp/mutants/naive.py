"""This computes log(sum(exp(x))) directly, which overflows to inf for logits near 1000: subtract the maximum first and add it back afterwards."""
import torch


def logsumexp(x, dim=-1):
    return torch.log(torch.exp(x).sum(dim=dim))
