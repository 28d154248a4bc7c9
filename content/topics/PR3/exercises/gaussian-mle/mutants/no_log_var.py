"""`gaussian_loglik` drops the -(n/2) log(var) term: without it a huge variance looks best, since it makes every squared deviation term vanish."""
import math

import torch


def gaussian_loglik(x, mu, var):
    n = x.shape[0]
    return -((x - mu) ** 2).sum() / (2 * var) - 0.5 * n * math.log(2 * math.pi)


def gaussian_mle(x):
    mu = x.mean()
    return mu, ((x - mu) ** 2).mean()
