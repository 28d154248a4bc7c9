import torch
from torch import nn


def make_mlp(sizes: list[int]) -> nn.Module:
    """An MLP with layer widths `sizes` = [d_in, h_1, ..., d_out]: one nn.Linear per consecutive pair, a ReLU
    after every Linear except the last (the output is linear). Each Linear is a separate module.

    parameters() lists weight then bias of each Linear, first layer first; input (..., d_in) -> (..., d_out).
    """
    raise NotImplementedError
