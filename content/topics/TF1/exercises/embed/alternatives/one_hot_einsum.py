"""The lookup as a matrix product: a one-hot row per token times the table, with einsum naming the axes."""
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
        self.W_E = nn.Parameter(0.02 * torch.randn(cfg.d_vocab, cfg.d_model))

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        one_hot = torch.nn.functional.one_hot(tokens, num_classes=self.cfg.d_vocab).to(self.W_E.dtype)
        return torch.einsum("bpv,vd->bpd", one_hot, self.W_E)
