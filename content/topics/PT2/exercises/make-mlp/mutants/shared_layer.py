"""Layers of the same shape are one shared module: build a new nn.Linear for every pair of widths, even when the widths repeat."""
import torch
from torch import nn


def make_mlp(sizes: list[int]) -> nn.Module:
    layers, _cache = [], {}
    for k, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        layers.append(_cache.setdefault((n_in, n_out), nn.Linear(n_in, n_out)))
        if k < len(sizes) - 2:
            layers.append(nn.ReLU())
    return nn.Sequential(*layers)
