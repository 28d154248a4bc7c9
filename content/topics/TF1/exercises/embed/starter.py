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


class Embed(nn.Module):
    """The token embedding: tokens (batch, pos) int64 -> (batch, pos, d_model).

    Parameter (TransformerLens name and layout): W_E, an nn.Parameter of shape (cfg.d_vocab, cfg.d_model).
    Row t of W_E is the vector of token t: out[b, p] = W_E[tokens[b, p]].
    Start W_E as normal samples with std 0.02 (GPT-2's choice); the checks load their own values.
    """

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        raise NotImplementedError

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
