"""The two terms are swapped: y multiplies log(p) (the probability of label 1) and 1 - y multiplies log(1 - p)."""
import torch


def bernoulli_nll(p, y):
    return -(y * torch.log(1 - p) + (1 - y) * torch.log(p)).mean()
