"""This takes the log of the density, which underflows to 0 (log gives -inf) far from the mean: write the log-density as a sum of terms instead."""
import math

import torch


def normal_logpdf(x, mu, sigma):
    density = torch.exp(-0.5 * ((x - mu) / sigma) ** 2) / (sigma * math.sqrt(2 * math.pi))
    return torch.log(density)
