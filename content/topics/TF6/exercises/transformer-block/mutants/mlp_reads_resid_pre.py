"""The MLP reads resid_pre (attention and MLP in parallel); in GPT-2 it reads the stream after the attention wrote to it: mlp(ln2(resid_mid))."""
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

# ---------------------------------------------------------------------------------------------------------
# Given: the sub-layers from TF2 (LayerNorm), TF4 (Attention) and TF5 (gelu_new, MLP). You may paste your own.
# ---------------------------------------------------------------------------------------------------------


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1 + torch.tanh((2 / torch.pi) ** 0.5 * (x + 0.044715 * x ** 3)))


class LayerNorm(nn.Module):
    """w, b (d_model,); biased variance, eps inside the square root."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.w = nn.Parameter(torch.ones(cfg.d_model))
        self.b = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        centred = x - x.mean(dim=-1, keepdim=True)
        var = centred.pow(2).mean(dim=-1, keepdim=True)
        return centred / (var + self.cfg.eps).sqrt() * self.w + self.b


class Attention(nn.Module):
    """W_Q, W_K, W_V (n_heads, d_model, d_head), b_Q, b_K, b_V (n_heads, d_head), W_O (n_heads, d_head, d_model),
    b_O (d_model,). Causal multi-head self-attention, (batch, pos, d_model) -> (batch, pos, d_model)."""

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
        q = einops.einsum(x, self.W_Q, "batch pos d_model, head d_model d_head -> batch pos head d_head") + self.b_Q
        k = einops.einsum(x, self.W_K, "batch pos d_model, head d_model d_head -> batch pos head d_head") + self.b_K
        v = einops.einsum(x, self.W_V, "batch pos d_model, head d_model d_head -> batch pos head d_head") + self.b_V
        scores = einops.einsum(q, k, "batch q_pos head d_head, batch k_pos head d_head -> batch head q_pos k_pos")
        scores = scores / self.cfg.d_head ** 0.5
        n = x.shape[1]
        future = torch.ones(n, n, dtype=torch.bool, device=x.device).triu(1)
        pattern = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
        z = einops.einsum(pattern, v, "batch head q_pos k_pos, batch k_pos head d_head -> batch q_pos head d_head")
        out = einops.einsum(z, self.W_O, "batch q_pos head d_head, head d_head d_model -> batch q_pos d_model")
        return out + self.b_O


class MLP(nn.Module):
    """W_in (d_model, d_mlp), b_in (d_mlp,), W_out (d_mlp, d_model), b_out (d_model,)."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.W_in = nn.Parameter(torch.randn(cfg.d_model, cfg.d_mlp) * 0.02)
        self.b_in = nn.Parameter(torch.zeros(cfg.d_mlp))
        self.W_out = nn.Parameter(torch.randn(cfg.d_mlp, cfg.d_model) * 0.02)
        self.b_out = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return gelu_new(x @ self.W_in + self.b_in) @ self.W_out + self.b_out


# ---------------------------------------------------------------------------------------------------------


class TransformerBlock(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1 = LayerNorm(cfg)
        self.attn = Attention(cfg)
        self.ln2 = LayerNorm(cfg)
        self.mlp = MLP(cfg)

    def forward(self, resid_pre: torch.Tensor) -> torch.Tensor:
        resid_mid = resid_pre + self.attn(self.ln1(resid_pre))
        return resid_mid + self.mlp(self.ln2(resid_pre))
