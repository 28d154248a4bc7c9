"""`gaussian_mle` returns the standard deviation as its second value: the parameter is the variance sigma^2."""
import math

import torch


def gaussian_loglik(x, mu, var):
    n = x.shape[0]
    return -((x - mu) ** 2).sum() / (2 * var) - 0.5 * n * torch.log(var) - 0.5 * n * math.log(2 * math.pi)


def gaussian_mle(x):
    mu = x.mean()
    return mu, ((x - mu) ** 2).mean().sqrt()
