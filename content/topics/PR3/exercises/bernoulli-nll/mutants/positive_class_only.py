"""The (1 - y) log(1 - p) term is missing, so examples with label 0 contribute nothing: the likelihood of a 0 label is 1 - p."""
import torch


def bernoulli_nll(p, y):
    return -(y * torch.log(p)).mean()
