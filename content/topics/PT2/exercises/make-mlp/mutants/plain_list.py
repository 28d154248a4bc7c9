"""The layers are kept in a plain Python list inside the module: nn.Module only registers submodules stored as attributes, in nn.ModuleList or nn.Sequential, so parameters() misses them."""
import torch
from torch import nn


def make_mlp(sizes: list[int]) -> nn.Module:
    layers = []
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(nn.Linear(n_in, n_out))
        if k < len(sizes) - 2:
            layers.append(nn.ReLU())
    return _ListMLP(layers)


class _ListMLP(nn.Module):
    def __init__(self, layers):
        super().__init__()
        self.layers = list(layers)

    def forward(self, x):
        for layer in self.layers:
            x = layer(x)
        return x
