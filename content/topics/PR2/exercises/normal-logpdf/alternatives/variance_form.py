import math

import torch


def normal_logpdf(x, mu, sigma):
    variance = sigma ** 2
    return -(x - mu) ** 2 / (2 * variance) - torch.log(sigma) - 0.5 * math.log(2 * math.pi)
