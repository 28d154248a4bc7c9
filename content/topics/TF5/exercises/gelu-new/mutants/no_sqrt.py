"""The factor inside the tanh is 2/pi; it should be its square root, sqrt(2/pi) = 0.7979."""
import math

import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1 + torch.tanh(2 / math.pi * (x + 0.044715 * x ** 3)))
