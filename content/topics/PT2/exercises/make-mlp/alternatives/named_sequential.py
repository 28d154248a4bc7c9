from collections import OrderedDict

from torch import nn


def make_mlp(sizes):
    # One ReLU module used everywhere is fine: it holds no parameters. Names make print(model) readable.
    relu = nn.ReLU()
    parts = OrderedDict()
    n_layers = len(sizes) - 1
    for i in range(n_layers):
        parts[f"fc{i}"] = nn.Linear(sizes[i], sizes[i + 1])
        if i != n_layers - 1:
            parts[f"act{i}"] = relu
    return nn.Sequential(parts)
