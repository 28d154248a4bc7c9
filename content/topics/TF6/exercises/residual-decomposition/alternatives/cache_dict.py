"""TransformerLens's run_with_cache in miniature: a dict of named activations (hook_embed, hook_pos_embed,
blocks.{i}.hook_attn_out, blocks.{i}.hook_mlp_out), then the components read from it in the spec's order."""
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


def run_with_cache(state: dict, tokens: torch.Tensor, cfg: Config) -> dict:
    cache = {"hook_embed": state["embed.W_E"][tokens]}
    cache["hook_pos_embed"] = state["pos_embed.W_pos"][: tokens.shape[1]][None].expand_as(cache["hook_embed"])
    resid = cache["hook_embed"] + cache["hook_pos_embed"]
    for layer in range(cfg.n_layers):
        p = f"blocks.{layer}."
        normed = layer_norm(resid, state[p + "ln1.w"], state[p + "ln1.b"], cfg.eps)
        cache[p + "hook_attn_out"] = attention(normed, state, p + "attn.")
        resid = resid + cache[p + "hook_attn_out"]
        normed = layer_norm(resid, state[p + "ln2.w"], state[p + "ln2.b"], cfg.eps)
        cache[p + "hook_mlp_out"] = mlp(normed, state, p + "mlp.")
        resid = resid + cache[p + "hook_mlp_out"]
    return cache


def residual_decomposition(state: dict, tokens: torch.Tensor, cfg: Config) -> torch.Tensor:
    cache = run_with_cache(state, tokens, cfg)
    names = ["hook_embed", "hook_pos_embed"]
    for layer in range(cfg.n_layers):
        names += [f"blocks.{layer}.hook_attn_out", f"blocks.{layer}.hook_mlp_out"]
    return torch.stack([cache[name] for name in names], dim=0)
