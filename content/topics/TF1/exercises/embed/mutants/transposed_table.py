"""W_E is stored as (d_model, d_vocab), one column per token: TransformerLens stores it as (d_vocab, d_model), one row per token."""
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
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.W_E = nn.Parameter(torch.randn(cfg.d_model, cfg.d_vocab) * 0.02)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.W_E[:, tokens].permute(1, 2, 0)
