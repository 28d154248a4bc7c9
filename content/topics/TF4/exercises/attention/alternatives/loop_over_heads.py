"""One head at a time, with plain matrix products: each head's scores, pattern and output, added up."""
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


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        H, E, D = cfg.n_heads, cfg.d_model, cfg.d_head
        self.W_Q = nn.Parameter(torch.randn(H, E, D) * 0.02)
        self.W_K = nn.Parameter(torch.randn(H, E, D) * 0.02)
        self.W_V = nn.Parameter(torch.randn(H, E, D) * 0.02)
        self.W_O = nn.Parameter(torch.randn(H, D, E) * 0.02)
        self.b_Q = nn.Parameter(torch.zeros(H, D))
        self.b_K = nn.Parameter(torch.zeros(H, D))
        self.b_V = nn.Parameter(torch.zeros(H, D))
        self.b_O = nn.Parameter(torch.zeros(E))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        pos = x.shape[1]
        future = torch.ones(pos, pos, dtype=torch.bool, device=x.device).triu(1)
        out = self.b_O.expand_as(x)
        for h in range(self.cfg.n_heads):
            q = x @ self.W_Q[h] + self.b_Q[h]              # (batch, pos, d_head)
            k = x @ self.W_K[h] + self.b_K[h]
            v = x @ self.W_V[h] + self.b_V[h]
            scores = q @ k.transpose(1, 2) / self.cfg.d_head ** 0.5
            pattern = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
            out = out + pattern @ v @ self.W_O[h]
        return out
