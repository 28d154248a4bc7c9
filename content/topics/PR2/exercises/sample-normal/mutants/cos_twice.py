"""Each pair of uniforms is used twice with cos (r cos(2 pi u2) for both halves), so every value appears twice: the second normal of the pair is r sin(2 pi u2)."""
import math

import torch


def sample_normal(n, mu, sigma, seed):
    gen = torch.Generator().manual_seed(seed)
    pairs = (n + 1) // 2
    u1 = 1 - torch.rand(pairs, generator=gen, dtype=torch.float64)
    u2 = torch.rand(pairs, generator=gen, dtype=torch.float64)
    z = torch.sqrt(-2 * torch.log(u1)) * torch.cos(2 * math.pi * u2)
    return mu + sigma * torch.cat([z, z])[:n]
