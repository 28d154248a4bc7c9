"""This takes the log of a softmax: tiny probabilities underflow to 0 and their log to -inf. Compute x - logsumexp(x) instead."""
import torch


def log_softmax(x, dim=-1):
    e = torch.exp(x - x.amax(dim=dim, keepdim=True))
    return torch.log(e / e.sum(dim=dim, keepdim=True))


def cross_entropy(logits, targets):
    return -log_softmax(logits, dim=-1)[torch.arange(logits.shape[0]), targets]
