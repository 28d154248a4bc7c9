"""The cubic term is missing: inside the tanh it is sqrt(2/pi) * (x + 0.044715 * x**3), not sqrt(2/pi) * x."""
import math

import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * x))
