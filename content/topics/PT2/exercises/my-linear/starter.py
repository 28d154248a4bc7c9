import math

import torch
from torch import nn


class MyLinear(nn.Module):
    """y = x W^T + b, like nn.Linear (which you may not use here, nor F.linear).

    weight: nn.Parameter of shape (out_features, in_features); bias: nn.Parameter of shape (out_features,),
    or None when bias=False (then the module has exactly one parameter). Registered in the order weight, bias.
    Both start uniform on [-1/sqrt(in_features), +1/sqrt(in_features)].
    forward(x): x has shape (..., in_features) with any leading dims; returns (..., out_features).
    """

    def __init__(self, in_features: int, out_features: int, bias: bool = True):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
