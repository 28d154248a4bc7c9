"""`gaussian_loglik` treats `var` as the standard deviation (dividing by 2*var**2, subtracting log(var)): `var` is sigma^2 itself."""
import math

import torch


def gaussian_loglik(x, mu, var):
    n = x.shape[0]
    return -((x - mu) ** 2).sum() / (2 * var ** 2) - n * torch.log(var) - 0.5 * n * math.log(2 * math.pi)


def gaussian_mle(x):
    mu = x.mean()
    return mu, ((x - mu) ** 2).mean()
