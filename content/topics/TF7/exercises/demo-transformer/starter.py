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

import einops

# Paste your classes from TF1 to TF6 below (or write them afresh), then assemble them in DemoTransformer.
# Only the parameter NAMES and SHAPES are fixed (TransformerLens's); how you compute inside is up to you.
# Conventions: activations (batch, pos, d_model); tanh GELU; LayerNorm with the biased variance and eps inside
# the square root; attention scores divided by sqrt(d_head), causal mask (a query sees its own and earlier keys).


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    """GPT-2's tanh GELU: 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3)))."""
    raise NotImplementedError


class Embed(nn.Module):
    """W_E (d_vocab, d_model). tokens (batch, pos) int64 -> (batch, pos, d_model)."""

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class PosEmbed(nn.Module):
    """W_pos (n_ctx, d_model). tokens (batch, pos) -> W_pos[:pos] for every sequence, (batch, pos, d_model)."""

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class LayerNorm(nn.Module):
    """w (d_model,), b (d_model,); normalise over d_model: (x - mean) / sqrt(var + eps) * w + b."""

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class Attention(nn.Module):
    """W_Q, W_K, W_V (n_heads, d_model, d_head); b_Q, b_K, b_V (n_heads, d_head); W_O (n_heads, d_head, d_model);
    b_O (d_model,). Causal multi-head self-attention: (batch, pos, d_model) -> (batch, pos, d_model)."""

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class MLP(nn.Module):
    """W_in (d_model, d_mlp), b_in (d_mlp,), W_out (d_mlp, d_model), b_out (d_model,); gelu_new in between."""

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class TransformerBlock(nn.Module):
    """Submodules ln1, attn, ln2, mlp (pre-LayerNorm):
    resid_mid = resid_pre + attn(ln1(resid_pre)); resid_post = resid_mid + mlp(ln2(resid_mid))."""

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, resid_pre: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class Unembed(nn.Module):
    """W_U (d_model, d_vocab), b_U (d_vocab,). (batch, pos, d_model) -> (batch, pos, d_vocab)."""

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError


class DemoTransformer(nn.Module):
    """A GPT-2-style decoder with TransformerLens parameter names.

    Submodules: embed, pos_embed, blocks (an nn.ModuleList of n_layers TransformerBlocks), ln_final, unembed,
    so that the state dict has embed.W_E, pos_embed.W_pos, blocks.0.ln1.w, ..., ln_final.w, unembed.W_U, unembed.b_U.
    forward(tokens): tokens (batch, pos) int64 with pos <= n_ctx -> logits (batch, pos, d_vocab) at every position.
    Keep the config as self.cfg.
    """

    def __init__(self, cfg: Config):
        super().__init__()
        raise NotImplementedError

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError
