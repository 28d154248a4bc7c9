"""nanoGPT's GPT, with TransformerLens's names and layouts: dropout after the embeddings, on the attention
pattern, on each sub-layer's output; a lower-triangular mask buffer; heads moved next to the batch. Every
dropout is off in eval mode, which is how a trained model is evaluated."""
import math
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



class Embed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_E = nn.Parameter(torch.empty(cfg.d_vocab, cfg.d_model).normal_(std=0.02))

    def forward(self, tokens):
        return F.embedding(tokens, self.W_E)


class PosEmbed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_pos = nn.Parameter(torch.empty(cfg.n_ctx, cfg.d_model).normal_(std=0.02))

    def forward(self, tokens):
        pos = torch.arange(tokens.shape[1], device=tokens.device)
        return self.W_pos[pos]  # (pos, d_model), broadcast over the batch when added


class LayerNorm(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.eps = cfg.eps
        self.w = nn.Parameter(torch.ones(cfg.d_model))
        self.b = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        return F.layer_norm(x, self.w.shape, self.w, self.b, self.eps)


class Attention(nn.Module):
    def __init__(self, cfg: Config, dropout: float = 0.1):
        super().__init__()
        H, E, D = cfg.n_heads, cfg.d_model, cfg.d_head
        self.W_Q, self.W_K, self.W_V = (nn.Parameter(0.02 * torch.randn(H, E, D)) for _ in range(3))
        self.b_Q, self.b_K, self.b_V = (nn.Parameter(torch.zeros(H, D)) for _ in range(3))
        self.W_O = nn.Parameter(0.02 * torch.randn(H, D, E))
        self.b_O = nn.Parameter(torch.zeros(E))
        self.register_buffer("bias", torch.tril(torch.ones(cfg.n_ctx, cfg.n_ctx)).view(1, 1, cfg.n_ctx, cfg.n_ctx))
        self.attn_dropout = nn.Dropout(dropout)
        self.resid_dropout = nn.Dropout(dropout)

    def forward(self, x):
        B, T, C = x.size()
        q = torch.einsum("btc,hcd->bhtd", x, self.W_Q) + self.b_Q[:, None]
        k = torch.einsum("btc,hcd->bhtd", x, self.W_K) + self.b_K[:, None]
        v = torch.einsum("btc,hcd->bhtd", x, self.W_V) + self.b_V[:, None]
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.bias[:, :, :T, :T] == 0, float("-inf"))
        att = self.attn_dropout(F.softmax(att, dim=-1))
        y = torch.einsum("bhtd,hdc->btc", att @ v, self.W_O) + self.b_O
        return self.resid_dropout(y)


class MLP(nn.Module):
    def __init__(self, cfg: Config, dropout: float = 0.1):
        super().__init__()
        self.W_in = nn.Parameter(0.02 * torch.randn(cfg.d_model, cfg.d_mlp))
        self.b_in = nn.Parameter(torch.zeros(cfg.d_mlp))
        self.W_out = nn.Parameter(0.02 * torch.randn(cfg.d_mlp, cfg.d_model))
        self.b_out = nn.Parameter(torch.zeros(cfg.d_model))
        self.dropout = nn.Dropout(dropout)

    def forward(self, x):
        return self.dropout(F.gelu(x @ self.W_in + self.b_in, approximate="tanh") @ self.W_out + self.b_out)


class TransformerBlock(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1 = LayerNorm(cfg)
        self.attn = Attention(cfg)
        self.ln2 = LayerNorm(cfg)
        self.mlp = MLP(cfg)

    def forward(self, x):
        x = x + self.attn(self.ln1(x))
        x = x + self.mlp(self.ln2(x))
        return x


class Unembed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_U = nn.Parameter(0.02 * torch.randn(cfg.d_model, cfg.d_vocab))
        self.b_U = nn.Parameter(torch.zeros(cfg.d_vocab))

    def forward(self, x):
        return x @ self.W_U + self.b_U


class DemoTransformer(nn.Module):
    def __init__(self, cfg: Config, dropout: float = 0.1):
        super().__init__()
        self.cfg = cfg
        self.embed = Embed(cfg)
        self.pos_embed = PosEmbed(cfg)
        self.drop = nn.Dropout(dropout)
        self.blocks = nn.ModuleList(TransformerBlock(cfg) for _ in range(cfg.n_layers))
        self.ln_final = LayerNorm(cfg)
        self.unembed = Unembed(cfg)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        b, t = tokens.size()
        assert t <= self.cfg.n_ctx, f"cannot forward a sequence of length {t}: n_ctx is {self.cfg.n_ctx}"
        x = self.drop(self.embed(tokens) + self.pos_embed(tokens))
        for block in self.blocks:
            x = block(x)
        return self.unembed(self.ln_final(x))
