"""tanh is written with exponentials, (e^(2u) - 1) / (e^(2u) + 1): for large x, e^(2u) overflows to inf and inf/inf is NaN. Use torch.tanh (or torch.sigmoid), which are stable."""
import math

import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)
    e = torch.exp(2 * u)
    return 0.5 * x * (1 + (e - 1) / (e + 1))
