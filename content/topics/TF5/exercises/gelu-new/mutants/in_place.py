"""The input is changed in place (x.mul_...): the caller's tensor is overwritten; compute a new tensor instead."""
import math

import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    inner = torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3))
    return x.mul_(0.5).mul_(1 + inner)
