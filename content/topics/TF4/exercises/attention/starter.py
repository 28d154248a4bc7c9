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


import einops


class Attention(nn.Module):
    """Causal multi-head self-attention with TransformerLens parameter names.

    Parameters (these names and shapes, nothing else; a mask buffer of your own is allowed):
        W_Q, W_K, W_V (n_heads, d_model, d_head)   b_Q, b_K, b_V (n_heads, d_head)
        W_O (n_heads, d_head, d_model)             b_O (d_model,)
    forward: x (batch, pos, d_model), pos <= n_ctx -> (batch, pos, d_model), same dtype; x is not changed.
        q, k, v, z: (batch, pos, head, d_head); scores, pattern: (batch, head, q_pos, k_pos)
        scores = q . k / sqrt(d_head); keys after the query masked (any value <= -1e4, or -inf) before a
        softmax over the keys; z = pattern-weighted sum of v; out = sum over heads of z @ W_O, plus b_O.
    """

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
