import math

import torch


def sample_normal(n, mu, sigma, seed):
    gen = torch.Generator().manual_seed(seed)
    pairs = (n + 1) // 2
    u = torch.rand(2 * pairs, generator=gen, dtype=torch.float64)
    radius = torch.sqrt(-2 * torch.log(1 - u[:pairs]))
    angle = 2 * math.pi * u[pairs:]
    z = torch.stack([radius * torch.cos(angle), radius * torch.sin(angle)], dim=1).flatten()
    return mu + sigma * z[:n]
