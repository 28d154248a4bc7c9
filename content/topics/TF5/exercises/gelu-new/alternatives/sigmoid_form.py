"""The same curve through a sigmoid: (1 + tanh u) / 2 = sigmoid(2u), so gelu_new(x) = x * sigmoid(2u), with
u = sqrt(2/pi) (x + 0.044715 x^3). The sigmoid saturates without NaN for large |x|."""
import math

import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    u = math.sqrt(2 / math.pi) * (x + 0.044715 * x * x * x)
    return x * torch.sigmoid(2 * u)
