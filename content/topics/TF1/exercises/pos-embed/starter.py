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


class PosEmbed(nn.Module):
    """The learned positional embedding: tokens (batch, pos) int64 -> (batch, pos, d_model).

    Parameter (TransformerLens name and layout): W_pos, an nn.Parameter of shape (cfg.n_ctx, cfg.d_model),
    one row per position 0 .. n_ctx - 1. Start it as normal samples with std 0.02; the checks load their own values.
    out[b, p] = W_pos[p] for p = 0 .. pos - 1: only the length of `tokens` matters, never the token values,
    and every sequence of the batch gets the same rows.
    """

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        raise NotImplementedError

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
