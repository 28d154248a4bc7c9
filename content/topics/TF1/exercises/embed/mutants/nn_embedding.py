"""W_E is an nn.Embedding, so its parameter is called W_E.weight: a TransformerLens state dict has a plain parameter W_E. Use nn.Parameter and index it."""
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
        self.W_E = nn.Embedding(cfg.d_vocab, cfg.d_model)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.W_E(tokens)
