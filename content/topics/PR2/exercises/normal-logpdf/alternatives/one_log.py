import math

import torch


def normal_logpdf(x, mu, sigma):
    # log of 1 / sqrt(2 pi sigma^2), plus the exponent, in one bracket.
    return -0.5 * (torch.log(2 * math.pi * sigma ** 2) + ((x - mu) / sigma) ** 2)
