"""This is the "quick GELU" x * sigmoid(1.702 x), another approximation; GPT-2's is 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 x^3)))."""
import math

import torch


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return x * torch.sigmoid(1.702 * x)
