import math

import torch


def normal_logpdf(x: torch.Tensor, mu: torch.Tensor, sigma: torch.Tensor) -> torch.Tensor:
    z = (x - mu) / sigma
    return -0.5 * z ** 2 - torch.log(sigma) - 0.5 * math.log(2 * math.pi)
