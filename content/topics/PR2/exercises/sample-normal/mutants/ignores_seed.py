"""The uniforms do not come from a generator seeded with `seed`, so the same seed does not reproduce the same samples: use gen = torch.Generator().manual_seed(seed) and torch.rand(..., generator=gen)."""
import math

import torch


def sample_normal(n, mu, sigma, seed):
    pairs = (n + 1) // 2
    u1 = 1 - torch.rand(pairs, dtype=torch.float64)
    u2 = torch.rand(pairs, dtype=torch.float64)
    r = torch.sqrt(-2 * torch.log(u1))
    return mu + sigma * torch.cat([r * torch.cos(2 * math.pi * u2), r * torch.sin(2 * math.pi * u2)])[:n]
