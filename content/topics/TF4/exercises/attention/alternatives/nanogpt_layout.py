"""nanoGPT's CausalSelfAttention adapted to per-head TransformerLens weights: q, k, v as (B, nh, T, hs), a
lower-triangular buffer of n_ctx x n_ctx sliced to T, att @ v, then each head's W_O summed."""
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

import math


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
        n = cfg.n_ctx
        self.register_buffer("bias", torch.tril(torch.ones(n, n)).view(1, 1, n, n))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        B, T, C = x.size()
        # (B, 1, T, C) @ (nh, C, hs) -> (B, nh, T, hs), biases (nh, 1, hs)
        q = x.unsqueeze(1) @ self.W_Q + self.b_Q.unsqueeze(1)
        k = x.unsqueeze(1) @ self.W_K + self.b_K.unsqueeze(1)
        v = x.unsqueeze(1) @ self.W_V + self.b_V.unsqueeze(1)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float("-inf"))
        att = torch.softmax(att, dim=-1)
        y = att @ v                                        # (B, nh, T, hs)
        return (y @ self.W_O).sum(dim=1) + self.b_O        # (B, nh, T, C) summed over heads
