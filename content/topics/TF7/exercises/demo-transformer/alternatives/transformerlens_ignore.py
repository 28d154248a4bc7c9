"""TransformerLens's older layout: an IGNORE buffer of -1e5 written into the scores in place with
masked_fill_ (the scores are this module's own intermediate, so that is safe), einops.repeat for the positions,
and the model's residual stream walked with einops-named shapes."""
import math
from dataclasses import dataclass

import einops
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



def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))


class Embed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_E = nn.Parameter(torch.empty((cfg.d_vocab, cfg.d_model)))
        nn.init.normal_(self.W_E, std=0.02)

    def forward(self, tokens):
        return self.W_E[tokens, :]


class PosEmbed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_pos = nn.Parameter(torch.empty((cfg.n_ctx, cfg.d_model)))
        nn.init.normal_(self.W_pos, std=0.02)

    def forward(self, tokens):
        batch, seq_len = tokens.shape
        return einops.repeat(self.W_pos[:seq_len], "seq d_model -> batch seq d_model", batch=batch)


class LayerNorm(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.w = nn.Parameter(torch.ones(cfg.d_model))
        self.b = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, residual):
        residual = residual - residual.mean(dim=-1, keepdim=True)
        scale = (residual.pow(2).mean(dim=-1, keepdim=True) + self.cfg.eps).pow(0.5)
        return residual / scale * self.w + self.b


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        H, E, D = cfg.n_heads, cfg.d_model, cfg.d_head
        self.W_Q = nn.Parameter(torch.empty((H, E, D)))
        self.W_K = nn.Parameter(torch.empty((H, E, D)))
        self.W_V = nn.Parameter(torch.empty((H, E, D)))
        self.W_O = nn.Parameter(torch.empty((H, D, E)))
        for W in (self.W_Q, self.W_K, self.W_V, self.W_O):
            nn.init.normal_(W, std=0.02)
        self.b_Q = nn.Parameter(torch.zeros((H, D)))
        self.b_K = nn.Parameter(torch.zeros((H, D)))
        self.b_V = nn.Parameter(torch.zeros((H, D)))
        self.b_O = nn.Parameter(torch.zeros(E))
        self.register_buffer("IGNORE", torch.tensor(-1e5, dtype=torch.float32))

    def apply_causal_mask(self, attn_scores):
        q_pos, k_pos = attn_scores.shape[-2:]
        mask = torch.triu(torch.ones(q_pos, k_pos, device=attn_scores.device), diagonal=1).bool()
        attn_scores.masked_fill_(mask, self.IGNORE)
        return attn_scores

    def forward(self, normalized_resid_pre):
        x = normalized_resid_pre
        q = einops.einsum(x, self.W_Q, "batch posn d_model, nheads d_model d_head -> batch posn nheads d_head") + self.b_Q
        k = einops.einsum(x, self.W_K, "batch posn d_model, nheads d_model d_head -> batch posn nheads d_head") + self.b_K
        v = einops.einsum(x, self.W_V, "batch posn d_model, nheads d_model d_head -> batch posn nheads d_head") + self.b_V
        attn_scores = einops.einsum(
            q, k, "batch posn_Q nheads d_head, batch posn_K nheads d_head -> batch nheads posn_Q posn_K")
        attn_scores = self.apply_causal_mask(attn_scores / self.cfg.d_head ** 0.5)
        pattern = attn_scores.softmax(-1)
        z = einops.einsum(v, pattern, "batch posn_K nheads d_head, batch nheads posn_Q posn_K -> batch posn_Q nheads d_head")
        return einops.einsum(z, self.W_O, "batch posn_Q nheads d_head, nheads d_head d_model -> batch posn_Q d_model") + self.b_O


class MLP(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_in = nn.Parameter(torch.empty((cfg.d_model, cfg.d_mlp)))
        self.W_out = nn.Parameter(torch.empty((cfg.d_mlp, cfg.d_model)))
        nn.init.normal_(self.W_in, std=0.02)
        nn.init.normal_(self.W_out, std=0.02)
        self.b_in = nn.Parameter(torch.zeros(cfg.d_mlp))
        self.b_out = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        pre = einops.einsum(x, self.W_in, "batch posn d_model, d_model d_mlp -> batch posn d_mlp") + self.b_in
        return einops.einsum(gelu_new(pre), self.W_out, "batch posn d_mlp, d_mlp d_model -> batch posn d_model") + self.b_out


class TransformerBlock(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1 = LayerNorm(cfg)
        self.attn = Attention(cfg)
        self.ln2 = LayerNorm(cfg)
        self.mlp = MLP(cfg)

    def forward(self, resid_pre):
        resid_mid = self.attn(self.ln1(resid_pre)) + resid_pre
        return self.mlp(self.ln2(resid_mid)) + resid_mid


class Unembed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_U = nn.Parameter(torch.empty((cfg.d_model, cfg.d_vocab)))
        nn.init.normal_(self.W_U, std=0.02)
        self.b_U = nn.Parameter(torch.zeros(cfg.d_vocab, requires_grad=False))  # a Parameter requires grad anyway

    def forward(self, normalized_resid_final):
        return einops.einsum(normalized_resid_final, self.W_U,
                             "batch posn d_model, d_model d_vocab -> batch posn d_vocab") + self.b_U


class DemoTransformer(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.embed = Embed(cfg)
        self.pos_embed = PosEmbed(cfg)
        self.blocks = nn.ModuleList([TransformerBlock(cfg) for _ in range(cfg.n_layers)])
        self.ln_final = LayerNorm(cfg)
        self.unembed = Unembed(cfg)

    def forward(self, tokens):
        residual = self.embed(tokens) + self.pos_embed(tokens)
        for block in self.blocks:
            residual = block(residual)
        return self.unembed(self.ln_final(residual))
