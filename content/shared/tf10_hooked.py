"""TF10 check helpers: models for TransformerLens exercises, and a reference that needs no TransformerLens.

A HookedTransformer cannot cross between the checker and the learner's process, so a model travels
as a config dict (HookedTransformerConfig arguments, plain values, the dtype by name) plus a state
dict of its parameters. A @remote driver in check.py builds the HookedTransformer in the learner's
process from both and calls the learner's function on it. The checker's reference, `run_reference`,
is a plain-torch forward pass over the same state dict (gpt2_reference's pieces), so the checker never
imports TransformerLens (about 3 s and 450 MB) unless a mutant runs for a hint.
content/topics/TF10/scripts/check_reference.py proves run_reference equal to HookedTransformer.

    cfg, state = tf10_hooked.random_model(seed=3)
    logits, patterns = tf10_hooked.run_reference(tokens, state, cfg)

Needs `shared: [gpt2_reference, tf10_hooked]` in exercise.yaml.
"""

import math

import gpt2_reference as ref
import torch

# Distinct sizes for every named dimension (inputs use batch 2, pos 11).
RANDOM_CONFIG = dict(
    model_name="random-3L-4H",
    n_layers=3,
    d_model=20,
    n_heads=4,
    d_head=7,
    d_mlp=33,
    d_vocab=29,
    n_ctx=13,
    act_fn="gelu_new",
    normalization_type="LN",
    positional_embedding_type="standard",
    tokenizer_name=None,
)


def random_model(seed: int, dtype: str = "float32", **overrides):
    """(cfg, state): a GPT-2-layout model, every parameter randomised (biases and LayerNorms too).

    Matrices are N(0, 1/fan_in), so attention patterns are neither uniform nor one-hot and every head
    matters to the loss; see gpt2_reference.random_params.
    """
    cfg = dict(RANDOM_CONFIG, seed=seed, dtype=dtype, **overrides)
    sizes = ref.Config(**{k: cfg[k] for k in ("d_model", "n_heads", "d_head", "d_mlp", "n_layers", "d_vocab", "n_ctx")})
    state = ref.random_params(ref.param_shapes(sizes), torch.Generator().manual_seed(seed), getattr(torch, dtype))
    return cfg, state


def random_tokens(cfg: dict, batch: int, pos: int, seed: int) -> torch.Tensor:
    return torch.randint(0, cfg["d_vocab"], (batch, pos), generator=torch.Generator().manual_seed(seed))


def repeated_tokens(d_vocab: int, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    """The induction exercise's tokens: seq_len random tokens, then the same again."""
    g = torch.Generator().manual_seed(seed)
    first = torch.randint(0, d_vocab, (batch, seq_len), generator=g)
    return torch.cat([first, first], dim=1)


def run_reference(tokens: torch.Tensor, p: dict, cfg: dict, zero_head: tuple | None = None):
    """(logits, patterns) of the HookedTransformer that `cfg` and `p` describe; patterns[layer] is
    (batch, head, q_pos, k_pos). zero_head=(layer, head) sets that head's z to 0 before W_O.

    Covers what TF10 uses: LN or no normalisation, standard or shortformer positions (added to the
    queries' and keys' inputs only, after ln1), attention-only or with GELU (tanh) MLPs.
    """
    eps = cfg.get("eps", 1e-5)
    has_ln = cfg.get("normalization_type", "LN") == "LN"
    shortformer = cfg.get("positional_embedding_type", "standard") == "shortformer"

    def norm(x, name):
        return ref.layer_norm(x, p[name + ".w"], p[name + ".b"], eps) if has_ln else x

    pos = p["pos_embed.W_pos"][: tokens.shape[-1]]
    resid = p["embed.W_E"][tokens] + (0 if shortformer else pos)
    patterns = []
    for i in range(cfg["n_layers"]):
        a = f"blocks.{i}.attn."
        x = norm(resid, f"blocks.{i}.ln1")
        qk_in = x + pos if shortformer else x
        q = torch.einsum("bpe,hed->bphd", qk_in, p[a + "W_Q"]) + p[a + "b_Q"]
        k = torch.einsum("bpe,hed->bphd", qk_in, p[a + "W_K"]) + p[a + "b_K"]
        v = torch.einsum("bpe,hed->bphd", x, p[a + "W_V"]) + p[a + "b_V"]
        scores = torch.einsum("bqhd,bkhd->bhqk", q, k) / math.sqrt(q.shape[-1])
        pattern = torch.softmax(ref.causal_mask(scores), dim=-1)
        z = torch.einsum("bhqk,bkhd->bqhd", pattern, v)
        if zero_head is not None and zero_head[0] == i:
            keep = torch.ones(z.shape[2], dtype=z.dtype)
            keep[zero_head[1]] = 0
            z = z * keep[:, None]
        resid = resid + torch.einsum("bqhd,hde->bqe", z, p[a + "W_O"]) + p[a + "b_O"]
        if not cfg.get("attn_only", False):
            resid = resid + ref.mlp(norm(resid, f"blocks.{i}.ln2"), p, f"blocks.{i}.mlp.")
        patterns.append(pattern)
    logits = norm(resid, "ln_final") @ p["unembed.W_U"] + p["unembed.b_U"]
    return logits, patterns


def lm_loss(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    """Mean next-token cross-entropy over every batch row and position 0..pos-2 (what
    model(tokens, return_type="loss") returns)."""
    logprobs = logits[:, :-1].log_softmax(-1)
    return -logprobs.gather(-1, tokens[:, 1:, None]).mean()
