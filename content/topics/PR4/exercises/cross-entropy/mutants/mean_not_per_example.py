"""`cross_entropy` returns the mean over the batch: this exercise asks for one loss per example, shape (batch,) (reduction="none")."""
import torch


def log_softmax(x, dim=-1):
    return x - torch.logsumexp(x, dim=dim, keepdim=True)


def cross_entropy(logits, targets):
    return -log_softmax(logits, dim=-1)[torch.arange(logits.shape[0]), targets].mean()
