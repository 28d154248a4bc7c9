"""`gaussian_loglik` returns the mean over the data points: the log-likelihood of the whole dataset is the sum of the per-point log-densities."""
import math

import torch


def gaussian_loglik(x, mu, var):
    return (-(x - mu) ** 2 / (2 * var) - 0.5 * torch.log(var) - 0.5 * math.log(2 * math.pi)).mean()


def gaussian_mle(x):
    mu = x.mean()
    return mu, ((x - mu) ** 2).mean()
