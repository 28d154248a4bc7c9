"""Softmax is computed as exp(x) / sum(exp(x)) without subtracting the maximum, which overflows (inf / inf = nan) for logits around 1000."""
import torch


def softmax_jacobian(x):
    e = torch.exp(x)
    s = e / e.sum()
    return torch.diag(s) - s[:, None] * s[None, :]
