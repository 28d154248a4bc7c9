"""A sampler written by hand, one row at a time: the cumulative sum of the row's probabilities, one uniform draw
from the seeded generator scaled by the total, and searchsorted(right=True) to find the token (so a
zero-probability token, whose cumulative sum equals its left neighbour's, is never chosen, and the index is always
below d_vocab). top-k keeps every logit >= the k-th largest, ties included."""
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


# ---------------------------------------------------------------------------------------------------------------
# Provided: the GPT-2-style model of TF7 (TransformerLens names), so that you have a model to generate from.
# The check loads weights into it. Leave it as it is; your work is `generate` at the bottom.
# ---------------------------------------------------------------------------------------------------------------

class LayerNorm(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.eps, self.w, self.b = cfg.eps, nn.Parameter(torch.ones(cfg.d_model)), nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        centred = x - x.mean(-1, keepdim=True)
        return centred / (centred.pow(2).mean(-1, keepdim=True) + self.eps).sqrt() * self.w + self.b


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        H, E, D = cfg.n_heads, cfg.d_model, cfg.d_head
        for name in ("W_Q", "W_K", "W_V"):
            setattr(self, name, nn.Parameter(torch.randn(H, E, D) * 0.02))
        for name in ("b_Q", "b_K", "b_V"):
            setattr(self, name, nn.Parameter(torch.zeros(H, D)))
        self.W_O, self.b_O = nn.Parameter(torch.randn(H, D, E) * 0.02), nn.Parameter(torch.zeros(E))

    def forward(self, x):
        q = einops.einsum(x, self.W_Q, "b p e, h e d -> b p h d") + self.b_Q
        k = einops.einsum(x, self.W_K, "b p e, h e d -> b p h d") + self.b_K
        v = einops.einsum(x, self.W_V, "b p e, h e d -> b p h d") + self.b_V
        scores = einops.einsum(q, k, "b q h d, b k h d -> b h q k") / math.sqrt(q.shape[-1])
        future = torch.ones(x.shape[1], x.shape[1], dtype=torch.bool, device=x.device).triu(1)
        pattern = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
        z = einops.einsum(pattern, v, "b h q k, b k h d -> b q h d")
        return einops.einsum(z, self.W_O, "b q h d, h d e -> b q e") + self.b_O


class MLP(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_in, self.b_in = nn.Parameter(torch.randn(cfg.d_model, cfg.d_mlp) * 0.02), nn.Parameter(torch.zeros(cfg.d_mlp))
        self.W_out, self.b_out = nn.Parameter(torch.randn(cfg.d_mlp, cfg.d_model) * 0.02), nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        h = x @ self.W_in + self.b_in
        h = 0.5 * h * (1 + torch.tanh(math.sqrt(2 / math.pi) * (h + 0.044715 * h ** 3)))
        return h @ self.W_out + self.b_out


class TransformerBlock(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1, self.attn, self.ln2, self.mlp = LayerNorm(cfg), Attention(cfg), LayerNorm(cfg), MLP(cfg)

    def forward(self, resid):
        resid = resid + self.attn(self.ln1(resid))
        return resid + self.mlp(self.ln2(resid))


class Embed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_E = nn.Parameter(torch.randn(cfg.d_vocab, cfg.d_model) * 0.02)

    def forward(self, tokens):
        return self.W_E[tokens]


class PosEmbed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_pos = nn.Parameter(torch.randn(cfg.n_ctx, cfg.d_model) * 0.02)

    def forward(self, tokens):
        return self.W_pos[: tokens.shape[1]].expand(tokens.shape[0], -1, -1)


class Unembed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_U, self.b_U = nn.Parameter(torch.randn(cfg.d_model, cfg.d_vocab) * 0.02), nn.Parameter(torch.zeros(cfg.d_vocab))

    def forward(self, x):
        return x @ self.W_U + self.b_U


class DemoTransformer(nn.Module):
    """tokens (batch, pos) with pos <= cfg.n_ctx -> logits (batch, pos, d_vocab). A longer input is an error."""

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.embed, self.pos_embed = Embed(cfg), PosEmbed(cfg)
        self.blocks = nn.ModuleList([TransformerBlock(cfg) for _ in range(cfg.n_layers)])
        self.ln_final, self.unembed = LayerNorm(cfg), Unembed(cfg)

    def forward(self, tokens):
        if tokens.shape[1] > self.cfg.n_ctx:
            raise ValueError(f"DemoTransformer got {tokens.shape[1]} positions; it has only n_ctx = {self.cfg.n_ctx}")
        resid = self.embed(tokens) + self.pos_embed(tokens)
        for block in self.blocks:
            resid = block(resid)
        return self.unembed(self.ln_final(resid))


# ---------------------------------------------------------------------------------------------------------------
# Your work.
# ---------------------------------------------------------------------------------------------------------------

def sample_row(logits_row: torch.Tensor, gen: torch.Generator) -> torch.Tensor:
    probs = torch.softmax(logits_row.double(), dim=-1)
    cdf = probs.cumsum(dim=-1)
    u = torch.rand(1, generator=gen, dtype=torch.float64, device=cdf.device) * cdf[-1]
    return torch.searchsorted(cdf, u, right=True).clamp(max=cdf.shape[0] - 1)


def generate(model, prompt: torch.Tensor, max_new: int, temperature: float = 1.0, top_k: int | None = None,
             seed: int = 0) -> torch.Tensor:
    gen = torch.Generator(device=prompt.device).manual_seed(seed)
    tokens = prompt.clone()
    with torch.no_grad():
        for _ in range(max_new):
            last = model(tokens[:, -model.cfg.n_ctx:])[:, -1, :]
            if temperature == 0:
                new = last.argmax(dim=-1)
            else:
                last = last / temperature
                if top_k is not None:
                    kth = last.sort(dim=-1, descending=True).values[:, top_k - 1:top_k]
                    last = torch.where(last >= kth, last, torch.full_like(last, float("-inf")))
                new = torch.cat([sample_row(row, gen) for row in last])
            tokens = torch.cat([tokens, new[:, None].to(tokens.dtype)], dim=1)
    return tokens
