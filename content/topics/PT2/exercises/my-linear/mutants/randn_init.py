"""The parameters start as standard normal samples: they should be uniform on [-1/sqrt(in_features), 1/sqrt(in_features)], which keeps the output's scale independent of the layer's width."""
import math

import torch
from torch import nn


class MyLinear(nn.Module):
    def __init__(self, in_features: int, out_features: int, bias: bool = True):
        super().__init__()
        bound = 1 / math.sqrt(in_features)
        self.weight = nn.Parameter(torch.empty(out_features, in_features).normal_())
        if bias:
            self.bias = nn.Parameter(torch.empty(out_features).normal_())
        else:
            self.bias = None

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        out = x @ self.weight.T
        if self.bias is not None:
            out = out + self.bias
        return out
