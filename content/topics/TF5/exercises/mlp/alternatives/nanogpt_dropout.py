"""nanoGPT's MLP order (fc, GELU, projection, dropout) with TransformerLens's names and layout; torch's own
tanh GELU and F.linear (which wants (out, in) weights, hence the transposes). The dropout is off in eval mode."""
from dataclasses import dataclass

import torch
from torch import nn
import torch.nn.functional as F


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




class MLP(nn.Module):
    def __init__(self, cfg: Config, dropout: float = 0.1):
        super().__init__()
        self.W_in = nn.Parameter(0.02 * torch.randn(cfg.d_model, cfg.d_mlp))
        self.b_in = nn.Parameter(torch.zeros(cfg.d_mlp))
        self.W_out = nn.Parameter(0.02 * torch.randn(cfg.d_mlp, cfg.d_model))
        self.b_out = nn.Parameter(torch.zeros(cfg.d_model))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = F.linear(x, self.W_in.T, self.b_in)
        h = F.gelu(h, approximate="tanh")
        h = F.linear(h, self.W_out.T, self.b_out)
        return self.dropout(h)
