"""nanoGPT's train.py loop, cut down to the recipe: AdamW with its defaults written out, F.cross_entropy on the
flattened predictions, zero_grad(set_to_none=True), and the model put back in eval mode at the end (no gradient
clipping and no schedule: the recipe has neither)."""
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


# ---- Provided: the DemoTransformer of TF7 (GPT-2's layout, TransformerLens names), as in TF7's reference
# solution. The checker builds DemoTransformer(Config(...)) itself and checks that it is still causal and still
# GPT-2, so leave this part as it is. Fresh weights follow GPT-2: N(0, 0.02^2), biases 0, LayerNorm w 1, b 0.
import math

import einops


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x ** 3)))


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
        batch, pos = tokens.shape
        return self.W_pos[:pos].expand(batch, pos, -1)


class LayerNorm(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.eps = cfg.eps
        self.w = nn.Parameter(torch.ones(cfg.d_model))
        self.b = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        centred = x - x.mean(-1, keepdim=True)
        var = centred.pow(2).mean(-1, keepdim=True)
        return centred / (var + self.eps).sqrt() * self.w + self.b


class Attention(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        H, E, D = cfg.n_heads, cfg.d_model, cfg.d_head
        self.W_Q = nn.Parameter(torch.randn(H, E, D) * 0.02)
        self.W_K = nn.Parameter(torch.randn(H, E, D) * 0.02)
        self.W_V = nn.Parameter(torch.randn(H, E, D) * 0.02)
        self.W_O = nn.Parameter(torch.randn(H, D, E) * 0.02)
        self.b_Q = nn.Parameter(torch.zeros(H, D))
        self.b_K = nn.Parameter(torch.zeros(H, D))
        self.b_V = nn.Parameter(torch.zeros(H, D))
        self.b_O = nn.Parameter(torch.zeros(E))

    def forward(self, x):
        q = einops.einsum(x, self.W_Q, "b p e, h e d -> b p h d") + self.b_Q
        k = einops.einsum(x, self.W_K, "b p e, h e d -> b p h d") + self.b_K
        v = einops.einsum(x, self.W_V, "b p e, h e d -> b p h d") + self.b_V
        scores = einops.einsum(q, k, "b q h d, b k h d -> b h q k") / math.sqrt(q.shape[-1])
        T = x.shape[1]
        future = torch.ones(T, T, dtype=torch.bool, device=x.device).triu(1)
        pattern = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
        z = einops.einsum(pattern, v, "b h q k, b k h d -> b q h d")
        return einops.einsum(z, self.W_O, "b q h d, h d e -> b q e") + self.b_O


class MLP(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_in = nn.Parameter(torch.randn(cfg.d_model, cfg.d_mlp) * 0.02)
        self.b_in = nn.Parameter(torch.zeros(cfg.d_mlp))
        self.W_out = nn.Parameter(torch.randn(cfg.d_mlp, cfg.d_model) * 0.02)
        self.b_out = nn.Parameter(torch.zeros(cfg.d_model))

    def forward(self, x):
        return gelu_new(x @ self.W_in + self.b_in) @ self.W_out + self.b_out


class TransformerBlock(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.ln1 = LayerNorm(cfg)
        self.attn = Attention(cfg)
        self.ln2 = LayerNorm(cfg)
        self.mlp = MLP(cfg)

    def forward(self, resid_pre):
        resid_mid = resid_pre + self.attn(self.ln1(resid_pre))
        return resid_mid + self.mlp(self.ln2(resid_mid))


class Unembed(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.W_U = nn.Parameter(torch.randn(cfg.d_model, cfg.d_vocab) * 0.02)
        self.b_U = nn.Parameter(torch.zeros(cfg.d_vocab))

    def forward(self, x):
        return x @ self.W_U + self.b_U


class DemoTransformer(nn.Module):
    def __init__(self, cfg: Config):
        super().__init__()
        self.cfg = cfg
        self.embed = Embed(cfg)
        self.pos_embed = PosEmbed(cfg)
        self.blocks = nn.ModuleList([TransformerBlock(cfg) for _ in range(cfg.n_layers)])
        self.ln_final = LayerNorm(cfg)
        self.unembed = Unembed(cfg)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        resid = self.embed(tokens) + self.pos_embed(tokens)
        for block in self.blocks:
            resid = block(resid)
        return self.unembed(self.ln_final(resid))
# ---- End of the provided code. ----------------------------------------------------------------------------------


def train_tiny_gpt(model: nn.Module, sample_batch, steps: int, lr: float) -> list[float]:
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01)
    model.train()
    losses = []
    for iter_num in range(steps):
        X = sample_batch()
        logits = model(X)
        loss = F.cross_entropy(logits[:, :-1].reshape(-1, logits.size(-1)), X[:, 1:].reshape(-1), ignore_index=-1)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
    model.eval()
    return losses
