"""nanoGPT's GPT.generate, adapted to the signature: crop to the last block_size tokens, scale the last position's
logits by 1/temperature, cut everything below the k-th largest value to -inf in place on that (new) tensor,
softmax, multinomial with the seeded generator; temperature 0 takes the argmax."""
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

@torch.no_grad()
def generate(model, prompt: torch.Tensor, max_new: int, temperature: float = 1.0, top_k: int | None = None,
             seed: int = 0) -> torch.Tensor:
    block_size = model.cfg.n_ctx
    gen = torch.Generator(device=prompt.device).manual_seed(seed)
    idx = prompt
    for _ in range(max_new):
        idx_cond = idx if idx.size(1) <= block_size else idx[:, -block_size:]
        logits = model(idx_cond)
        if temperature == 0:
            idx_next = torch.argmax(logits[:, -1, :], dim=-1, keepdim=True)
        else:
            logits = logits[:, -1, :] / temperature
            if top_k is not None:
                v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
                logits[logits < v[:, [-1]]] = -float("Inf")
            probs = F.softmax(logits, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1, generator=gen)
        idx = torch.cat((idx, idx_next), dim=1)
    return idx
