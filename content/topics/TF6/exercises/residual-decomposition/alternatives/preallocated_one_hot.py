"""One output tensor allocated up front and filled slot by slot; the embedding as a one-hot matrix product,
one_hot(tokens) @ W_E (the same numbers as indexing)."""
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


# ---------------------------------------------------------------------------------------------------------
# Given: the sub-layers as plain functions over a state dict with TransformerLens names (as in TF2, TF4, TF5).
# ---------------------------------------------------------------------------------------------------------


def layer_norm(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, eps: float) -> torch.Tensor:
    centred = x - x.mean(dim=-1, keepdim=True)
    return centred / (centred.pow(2).mean(dim=-1, keepdim=True) + eps).sqrt() * w + b


def attention(x: torch.Tensor, state: dict, prefix: str) -> torch.Tensor:
    """Causal multi-head attention with state[prefix + "W_Q"], ..., e.g. prefix "blocks.0.attn."."""
    p = {name: state[prefix + name] for name in ("W_Q", "W_K", "W_V", "W_O", "b_Q", "b_K", "b_V", "b_O")}
    q = torch.einsum("bpe,hed->bphd", x, p["W_Q"]) + p["b_Q"]
    k = torch.einsum("bpe,hed->bphd", x, p["W_K"]) + p["b_K"]
    v = torch.einsum("bpe,hed->bphd", x, p["W_V"]) + p["b_V"]
    scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / q.shape[-1] ** 0.5
    n = x.shape[1]
    future = torch.ones(n, n, dtype=torch.bool, device=x.device).triu(1)
    pattern = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
    z = torch.einsum("bhqk,bkhd->bqhd", pattern, v)
    return torch.einsum("bqhd,hde->bqe", z, p["W_O"]) + p["b_O"]


def mlp(x: torch.Tensor, state: dict, prefix: str) -> torch.Tensor:
    """The MLP with state[prefix + "W_in"], ..., e.g. prefix "blocks.0.mlp."."""
    hidden = x @ state[prefix + "W_in"] + state[prefix + "b_in"]
    hidden = 0.5 * hidden * (1 + torch.tanh((2 / torch.pi) ** 0.5 * (hidden + 0.044715 * hidden ** 3)))
    return hidden @ state[prefix + "W_out"] + state[prefix + "b_out"]


# ---------------------------------------------------------------------------------------------------------


def residual_decomposition(state: dict, tokens: torch.Tensor, cfg: Config) -> torch.Tensor:
    W_E = state["embed.W_E"]
    batch, pos = tokens.shape
    out = torch.empty(2 + 2 * cfg.n_layers, batch, pos, cfg.d_model, dtype=W_E.dtype, device=W_E.device)
    out[0] = F.one_hot(tokens, cfg.d_vocab).to(W_E.dtype) @ W_E
    out[1] = state["pos_embed.W_pos"][:pos]
    resid = out[0] + out[1]
    for i in range(cfg.n_layers):
        b = f"blocks.{i}."
        out[2 + 2 * i] = attention(layer_norm(resid, state[b + "ln1.w"], state[b + "ln1.b"], cfg.eps), state,
                                   b + "attn.")
        resid = resid + out[2 + 2 * i]
        out[3 + 2 * i] = mlp(layer_norm(resid, state[b + "ln2.w"], state[b + "ln2.b"], cfg.eps), state, b + "mlp.")
        resid = resid + out[3 + 2 * i]
    return out
