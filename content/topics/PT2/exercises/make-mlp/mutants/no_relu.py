"""There is no non-linearity between the layers: a stack of Linear layers is itself one linear (affine) map, so depth adds nothing."""
import torch
from torch import nn


def make_mlp(sizes: list[int]) -> nn.Module:
    layers = []
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(n_in, n_out))
    return nn.Sequential(*layers)
