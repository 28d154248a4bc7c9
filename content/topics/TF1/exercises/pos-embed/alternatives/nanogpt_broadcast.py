"""nanoGPT's way: look up rows with torch.arange(pos) on the tokens' device. nanoGPT leaves the batch axis to
broadcasting when adding to the token embeddings; here the module must return it, so expand to the batch."""
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
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.W_pos = nn.Parameter(torch.randn(cfg.n_ctx, cfg.d_model) * 0.02)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        b, t = tokens.size()
        assert t <= self.cfg.n_ctx, f"cannot take {t} positions; n_ctx is {self.cfg.n_ctx}"
        pos = torch.arange(0, t, dtype=torch.long, device=tokens.device)
        return self.W_pos[pos].unsqueeze(0).expand(b, -1, -1)
