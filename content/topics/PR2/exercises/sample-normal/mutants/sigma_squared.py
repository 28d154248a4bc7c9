"""The samples are scaled by sigma**2: sigma is the standard deviation, so x = mu + sigma * z."""
import math

import torch


def sample_normal(n, mu, sigma, seed):
    gen = torch.Generator().manual_seed(seed)
    pairs = (n + 1) // 2
    u1 = 1 - torch.rand(pairs, generator=gen, dtype=torch.float64)
    u2 = torch.rand(pairs, generator=gen, dtype=torch.float64)
    r = torch.sqrt(-2 * torch.log(u1))
    return mu + sigma ** 2 * torch.cat([r * torch.cos(2 * math.pi * u2), r * torch.sin(2 * math.pi * u2)])[:n]
