"""One position at a time: a loop over the positions, each a (batch, d_model) matrix through the two layers,
the outputs stacked back along pos; the hidden layer with torch.addmm and GELU through a sigmoid
(0.5 (1 + tanh u) = sigmoid(2u))."""
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




class MLP(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_in = nn.Parameter(torch.randn(cfg.d_model, cfg.d_mlp) / cfg.d_model ** 0.5)
        self.b_in = nn.Parameter(torch.zeros(cfg.d_mlp))
        self.W_out = nn.Parameter(torch.randn(cfg.d_mlp, cfg.d_model) / cfg.d_mlp ** 0.5)
        self.b_out = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outs = []
        for t in range(x.shape[1]):
            h = torch.addmm(self.b_in, x[:, t], self.W_in)
            h = h * torch.sigmoid(2 * (2 / torch.pi) ** 0.5 * (h + 0.044715 * h ** 3))
            outs.append(torch.addmm(self.b_out, h, self.W_out))
        return torch.stack(outs, dim=1)
