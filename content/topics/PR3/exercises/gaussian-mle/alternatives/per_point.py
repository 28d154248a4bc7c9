import math

import torch


def gaussian_loglik(x, mu, var):
    per_point = -0.5 * ((x - mu) ** 2 / var + torch.log(2 * math.pi * var))
    return per_point.sum()


def gaussian_mle(x):
    n = x.shape[0]
    mu = x.sum() / n
    return mu, ((x - mu) ** 2).sum() / n
