"""These samples are uniform, scaled to the right mean and variance: matching two moments is not enough, the shape must be the normal's (Box-Muller)."""
import math

import torch


def sample_normal(n, mu, sigma, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    return mu + sigma * math.sqrt(12) * (u - 0.5)
