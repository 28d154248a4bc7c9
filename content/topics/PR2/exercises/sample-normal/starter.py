import math

import torch


def sample_normal(n: int, mu: float, sigma: float, seed: int) -> torch.Tensor:
    """n independent draws from N(mu, sigma^2) (sigma = standard deviation), float64, shape (n,).

    Box-Muller from uniforms drawn with gen = torch.Generator().manual_seed(seed) and
    torch.rand(..., generator=gen, dtype=torch.float64). No randn / normal / distributions.
    """
    raise NotImplementedError
