"""The given sub-layers swapped for torch built-ins: F.layer_norm and F.scaled_dot_product_attention with
is_causal=True (it scales by 1/sqrt(d_head) itself); the block stores the two intermediate streams as locals."""
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


import einops


class LayerNorm(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.w = nn.Parameter(torch.ones(cfg.d_model))
        self.b = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        return F.layer_norm(x, (self.cfg.d_model,), self.w, self.b, eps=self.cfg.eps)


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        H, E, D = cfg.n_heads, cfg.d_model, cfg.d_head
        for name, shape in (("W_Q", (H, E, D)), ("W_K", (H, E, D)), ("W_V", (H, E, D)), ("W_O", (H, D, E))):
            self.register_parameter(name, nn.Parameter(torch.randn(shape) * 0.02))
        for name, shape in (("b_Q", (H, D)), ("b_K", (H, D)), ("b_V", (H, D)), ("b_O", (E,))):
            self.register_parameter(name, nn.Parameter(torch.zeros(shape)))

    def forward(self, x):
        def heads(W, b):  # (batch, pos, d_model) -> (batch, head, pos, d_head)
            return (torch.einsum("bpe,hed->bphd", x, W) + b).transpose(1, 2)

        z = F.scaled_dot_product_attention(heads(self.W_Q, self.b_Q), heads(self.W_K, self.b_K),
                                           heads(self.W_V, self.b_V), is_causal=True)
        return torch.einsum("bhpd,hde->bpe", z, self.W_O) + self.b_O


class MLP(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_in = nn.Parameter(torch.randn(cfg.d_model, cfg.d_mlp) * 0.02)
        self.b_in = nn.Parameter(torch.zeros(cfg.d_mlp))
        self.W_out = nn.Parameter(torch.randn(cfg.d_mlp, cfg.d_model) * 0.02)
        self.b_out = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        return F.gelu(torch.addmm(self.b_in, x.flatten(0, 1), self.W_in), approximate="tanh").matmul(
            self.W_out).add(self.b_out).view_as(x)


class TransformerBlock(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1, self.attn, self.ln2, self.mlp = LayerNorm(cfg), Attention(cfg), LayerNorm(cfg), MLP(cfg)

    def forward(self, resid_pre: torch.Tensor) -> torch.Tensor:
        attn_out = self.attn(self.ln1(resid_pre))
        resid_mid = resid_pre + attn_out
        mlp_out = self.mlp(self.ln2(resid_mid))
        return resid_mid + mlp_out
