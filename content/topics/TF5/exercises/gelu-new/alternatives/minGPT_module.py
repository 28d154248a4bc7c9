"""minGPT's and Hugging Face's layout: the activation as a small nn.Module (NewGELU) with a forward method,
torch.pow for the cube, and a plain function that applies it."""
import math

import torch
from torch import nn


class NewGELU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


_act = NewGELU()


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return _act(x)
