"""ARENA's layout: einops throughout, an IGNORE buffer holding a large negative number, and the output written
as a sum over heads of z W_O (then b_O)."""
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
    IGNORE: torch.Tensor

    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.W_Q = nn.Parameter(torch.empty((cfg.n_heads, cfg.d_model, cfg.d_head)))
        self.W_K = nn.Parameter(torch.empty((cfg.n_heads, cfg.d_model, cfg.d_head)))
        self.W_V = nn.Parameter(torch.empty((cfg.n_heads, cfg.d_model, cfg.d_head)))
        self.W_O = nn.Parameter(torch.empty((cfg.n_heads, cfg.d_head, cfg.d_model)))
        self.b_Q = nn.Parameter(torch.zeros((cfg.n_heads, cfg.d_head)))
        self.b_K = nn.Parameter(torch.zeros((cfg.n_heads, cfg.d_head)))
        self.b_V = nn.Parameter(torch.zeros((cfg.n_heads, cfg.d_head)))
        self.b_O = nn.Parameter(torch.zeros((cfg.d_model)))
        for w in (self.W_Q, self.W_K, self.W_V, self.W_O):
            nn.init.normal_(w, std=0.02)
        self.register_buffer("IGNORE", torch.tensor(-1e5, dtype=torch.float32))

    def forward(self, normalized_resid_pre: torch.Tensor) -> torch.Tensor:
        q = einops.einsum(normalized_resid_pre, self.W_Q,
                          "batch posn d_model, nheads d_model d_head -> batch posn nheads d_head") + self.b_Q
        k = einops.einsum(normalized_resid_pre, self.W_K,
                          "batch posn d_model, nheads d_model d_head -> batch posn nheads d_head") + self.b_K
        v = einops.einsum(normalized_resid_pre, self.W_V,
                          "batch posn d_model, nheads d_model d_head -> batch posn nheads d_head") + self.b_V
        attn_scores = einops.einsum(q, k, "batch posn_Q nheads d_head, batch posn_K nheads d_head "
                                          "-> batch nheads posn_Q posn_K")
        attn_scores = self.apply_causal_mask(attn_scores / self.cfg.d_head ** 0.5)
        attn_pattern = attn_scores.softmax(-1)
        z = einops.einsum(v, attn_pattern, "batch posn_K nheads d_head, batch nheads posn_Q posn_K "
                                           "-> batch posn_Q nheads d_head")
        attn_out = einops.einsum(z, self.W_O, "batch posn_Q nheads d_head, nheads d_head d_model "
                                              "-> batch posn_Q d_model")
        return attn_out + self.b_O

    def apply_causal_mask(self, attn_scores: torch.Tensor) -> torch.Tensor:
        q_pos, k_pos = attn_scores.shape[-2:]
        ones = torch.ones(q_pos, k_pos, device=attn_scores.device)
        mask = torch.triu(ones, diagonal=1).bool()
        return attn_scores.masked_fill(mask, self.IGNORE)
