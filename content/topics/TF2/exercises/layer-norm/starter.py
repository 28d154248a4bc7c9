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


class LayerNorm(nn.Module):
    """LayerNorm over the last axis: x (batch, pos, d_model) -> (batch, pos, d_model).

    Parameters (TransformerLens names): w (scale) and b (shift), nn.Parameters of shape (cfg.d_model,),
    starting at ones and zeros, registered in that order (w, then b).
    For each position's vector x (length d_model):
        mu = mean(x),  var = mean((x - mu) ** 2)          (the biased variance: divide by d_model)
        out = (x - mu) / sqrt(var + cfg.eps) * w + b      (eps inside the square root)
    Mean and variance run over d_model only: every position of every sequence is normalised on its own.
    Do not change x in place. nn.LayerNorm and F.layer_norm are not allowed here.
    """

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
