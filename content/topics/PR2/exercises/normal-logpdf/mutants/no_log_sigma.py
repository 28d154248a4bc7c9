"""The -log(sigma) term is missing: the density has 1/(sigma sqrt(2 pi)) in front, and its log contributes -log(sigma)."""
import math

import torch


def normal_logpdf(x, mu, sigma):
    return -0.5 * ((x - mu) / sigma) ** 2 - 0.5 * math.log(2 * math.pi)
