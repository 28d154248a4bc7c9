"""`gaussian_mle` divides the squared deviations by n - 1: that is the unbiased estimate, but the maximum of the likelihood is at the version dividing by n."""
import math

import torch


def gaussian_loglik(x, mu, var):
    n = x.shape[0]
    return -((x - mu) ** 2).sum() / (2 * var) - 0.5 * n * torch.log(var) - 0.5 * n * math.log(2 * math.pi)


def gaussian_mle(x):
    mu = x.mean()
    return mu, ((x - mu) ** 2).sum() / (x.shape[0] - 1)
