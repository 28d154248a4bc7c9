"""The project's own GPT-2-layout transformer, written as plain functions over a state dict with
TransformerLens parameter names. Check code only: exercises list it under `shared:` and compare
learners' modules with it. tests/test_gpt2_reference.py proves it equal to HookedTransformer.

Conventions (stated to learners in the lessons): GELU is the tanh variant (gelu_new); LayerNorm
uses the biased variance and eps inside the square root; masked scores are -inf before softmax;
attention scores are divided by sqrt(d_head); the model returns logits at every position.
"""

import math
from dataclasses import asdict, dataclass

import torch


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

    def as_dict(self) -> dict:
        return asdict(self)


def block_shapes(cfg: Config, i: int) -> dict:
    p, H, D, E, M = f"blocks.{i}.", cfg.n_heads, cfg.d_head, cfg.d_model, cfg.d_mlp
    return {
        p + "ln1.w": (E,),
        p + "ln1.b": (E,),
        p + "attn.W_Q": (H, E, D),
        p + "attn.W_K": (H, E, D),
        p + "attn.W_V": (H, E, D),
        p + "attn.W_O": (H, D, E),
        p + "attn.b_Q": (H, D),
        p + "attn.b_K": (H, D),
        p + "attn.b_V": (H, D),
        p + "attn.b_O": (E,),
        p + "ln2.w": (E,),
        p + "ln2.b": (E,),
        p + "mlp.W_in": (E, M),
        p + "mlp.b_in": (M,),
        p + "mlp.W_out": (M, E),
        p + "mlp.b_out": (E,),
    }


def param_shapes(cfg: Config) -> dict:
    """Every parameter of the full model, by its TransformerLens name."""
    shapes: dict[str, tuple[int, ...]] = {
        "embed.W_E": (cfg.d_vocab, cfg.d_model),
        "pos_embed.W_pos": (cfg.n_ctx, cfg.d_model),
    }
    for i in range(cfg.n_layers):
        shapes.update(block_shapes(cfg, i))
    shapes.update(
        {
            "ln_final.w": (cfg.d_model,),
            "ln_final.b": (cfg.d_model,),
            "unembed.W_U": (cfg.d_model, cfg.d_vocab),
            "unembed.b_U": (cfg.d_vocab,),
        }
    )
    return shapes


def random_params(shapes: dict, generator: torch.Generator | None = None, dtype=torch.float64) -> dict:
    """Randomised weights: nothing is 0 or 1, so a forgotten bias or LayerNorm weight shows.

    Matrices are N(0, 1/fan_in), so activations stay near unit scale; biases N(0, 0.1);
    LayerNorm weights N(1, 0.5) and biases N(0, 0.5); embeddings N(0, 1).
    """
    params = {}
    for name, shape in shapes.items():
        z = torch.randn(shape, generator=generator, dtype=dtype)
        leaf = name.rsplit(".", 1)[-1]
        if ".ln" in "." + name and leaf == "w":
            params[name] = 1 + 0.5 * z
        elif ".ln" in "." + name and leaf == "b":
            params[name] = 0.5 * z
        elif leaf.startswith("b_"):
            params[name] = 0.1 * z
        elif name in ("embed.W_E", "pos_embed.W_pos"):
            params[name] = z
        else:
            fan_in = shape[-2] if len(shape) == 2 else shape[1] if leaf != "W_O" else shape[0] * shape[1]
            params[name] = z / math.sqrt(fan_in)
    return params


def random_state_dict(cfg: Config, seed: int = 0, dtype=torch.float64) -> dict:
    return random_params(param_shapes(cfg), torch.Generator().manual_seed(seed), dtype)


def gelu_new(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x**3)))


def layer_norm(x: torch.Tensor, w: torch.Tensor, b: torch.Tensor, eps: float = 1e-5) -> torch.Tensor:
    centred = x - x.mean(-1, keepdim=True)
    return centred / (centred.pow(2).mean(-1, keepdim=True) + eps).sqrt() * w + b


def causal_mask(scores: torch.Tensor) -> torch.Tensor:
    """-inf above the diagonal of the last two axes (queries, keys)."""
    q, k = scores.shape[-2:]
    future = torch.ones(q, k, dtype=torch.bool, device=scores.device).triu(k - q + 1)
    return scores.masked_fill(future, float("-inf"))


def attention(x: torch.Tensor, p: dict, prefix: str = "", causal: bool = True, return_pattern=False):
    """x (batch, pos, d_model) -> (batch, pos, d_model); p holds W_Q... under `prefix`."""
    q = torch.einsum("bpe,hed->bphd", x, p[prefix + "W_Q"]) + p[prefix + "b_Q"]
    k = torch.einsum("bpe,hed->bphd", x, p[prefix + "W_K"]) + p[prefix + "b_K"]
    v = torch.einsum("bpe,hed->bphd", x, p[prefix + "W_V"]) + p[prefix + "b_V"]
    scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(q.shape[-1])
    pattern = torch.softmax(causal_mask(scores) if causal else scores, dim=-1)
    z = torch.einsum("bhqk,bkhd->bqhd", pattern, v)
    out = torch.einsum("bqhd,hde->bqe", z, p[prefix + "W_O"]) + p[prefix + "b_O"]
    return (out, pattern) if return_pattern else out


def mlp(x: torch.Tensor, p: dict, prefix: str = "") -> torch.Tensor:
    hidden = gelu_new(x @ p[prefix + "W_in"] + p[prefix + "b_in"])
    return hidden @ p[prefix + "W_out"] + p[prefix + "b_out"]


def block(resid_pre: torch.Tensor, p: dict, i: int, eps: float = 1e-5):
    """One pre-LayerNorm block: returns (resid_mid, resid_post)."""
    b = f"blocks.{i}."
    resid_mid = resid_pre + attention(layer_norm(resid_pre, p[b + "ln1.w"], p[b + "ln1.b"], eps), p, b + "attn.")
    resid_post = resid_mid + mlp(layer_norm(resid_mid, p[b + "ln2.w"], p[b + "ln2.b"], eps), p, b + "mlp.")
    return resid_mid, resid_post


def residual_components(tokens: torch.Tensor, p: dict, cfg: Config) -> list:
    """What each part writes to the residual stream: embed, pos_embed, attn_0, mlp_0, attn_1, ..."""
    embed = p["embed.W_E"][tokens]
    pos = p["pos_embed.W_pos"][: tokens.shape[-1]].expand_as(embed)
    components, resid = [embed, pos], embed + pos
    for i in range(cfg.n_layers):
        mid, post = block(resid, p, i, cfg.eps)
        components += [mid - resid, post - mid]
        resid = post
    return components


def forward(tokens: torch.Tensor, p: dict, cfg: Config) -> torch.Tensor:
    """tokens (batch, pos) -> logits (batch, pos, d_vocab)."""
    resid = sum(residual_components(tokens, p, cfg))
    final = layer_norm(resid, p["ln_final.w"], p["ln_final.b"], cfg.eps)
    return final @ p["unembed.W_U"] + p["unembed.b_U"]


def hooked_config_kwargs(cfg: Config) -> dict:
    """Arguments for HookedTransformerConfig that build the same architecture."""
    return dict(
        n_layers=cfg.n_layers,
        d_model=cfg.d_model,
        n_ctx=cfg.n_ctx,
        d_head=cfg.d_head,
        n_heads=cfg.n_heads,
        d_mlp=cfg.d_mlp,
        d_vocab=cfg.d_vocab,
        act_fn="gelu_new",
        normalization_type="LN",
        eps=cfg.eps,
        tokenizer_name=None,
        positional_embedding_type="standard",
    )
