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


class Unembed(nn.Module):
    """From the residual stream to logits: x (batch, pos, d_model) -> (batch, pos, d_vocab).

    Parameters (TransformerLens names and layout):
      W_U, an nn.Parameter of shape (cfg.d_model, cfg.d_vocab): note (d_model, d_vocab), not nn.Linear's layout;
      b_U, an nn.Parameter of shape (cfg.d_vocab,).
    Start W_U as normal samples with std 0.02 and b_U as zeros; the checks load their own values.
    logits = x @ W_U + b_U at every position. Return logits (any real numbers), not probabilities.
    """

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
