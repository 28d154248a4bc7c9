from dataclasses import dataclass

import torch
from torch import nn


@dataclass
class Config:
    d_model: int = 48
    n_heads: int = 3
    d_head: int = 16
    d_mlp: int = 80
    n_layers: int = 2
    d_vocab: int = 101
    n_ctx: int = 32
    eps: float = 1e-5


# Given (the previous exercise): GPT-2's GELU, the tanh approximation.
def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1 + torch.tanh((2 / torch.pi) ** 0.5 * (x + 0.044715 * x ** 3)))


class MLP(nn.Module):
    """The feed-forward sub-layer: out = gelu_new(x @ W_in + b_in) @ W_out + b_out, at every position.

    Parameters (TransformerLens names and shapes, nothing else):
        W_in (d_model, d_mlp), b_in (d_mlp,), W_out (d_mlp, d_model), b_out (d_model,)
    forward: x (batch, pos, d_model) -> (batch, pos, d_model), same dtype; x is not changed.
    """

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
