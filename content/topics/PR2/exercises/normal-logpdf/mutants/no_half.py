"""The exponent lacks its 1/2: the density is exp(-(x - mu)^2 / (2 sigma^2))."""
import math

import torch


def normal_logpdf(x, mu, sigma):
    return -((x - mu) / sigma) ** 2 - torch.log(sigma) - 0.5 * math.log(2 * math.pi)
