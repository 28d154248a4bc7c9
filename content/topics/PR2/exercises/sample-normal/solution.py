import math

import torch


def sample_normal(n: int, mu: float, sigma: float, seed: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    pairs = (n + 1) // 2
    u1 = 1 - torch.rand(pairs, generator=gen, dtype=torch.float64)  # in (0, 1]
    u2 = torch.rand(pairs, generator=gen, dtype=torch.float64)
    r = torch.sqrt(-2 * torch.log(u1))
    z = torch.cat([r * torch.cos(2 * math.pi * u2), r * torch.sin(2 * math.pi * u2)])[:n]
    return mu + sigma * z
