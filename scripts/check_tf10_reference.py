"""Prove TF10's check reference (content/shared/tf10_hooked.py: run_reference, lm_loss) equal to
TransformerLens's HookedTransformer, which the learners' code runs:

    .venv/bin/python scripts/check_tf10_reference.py      (tests/test_tf10_reference.py runs it too)

float64 models at 1e-10: a random GPT-2-layout model (patterns, logits, the loss with each head's
hook_z zeroed); random attention-only models with and without LayerNorm, standard and shortformer
positions; and the shipped induction model (float32, 1e-5).
"""

import io
import sys
import warnings
from pathlib import Path

import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "content" / "shared")]
import gpt2_reference as ref  # noqa: E402
import tf10_hooked as hk  # noqa: E402

warnings.simplefilter("ignore", DeprecationWarning)
from transformer_lens import HookedTransformer, HookedTransformerConfig  # noqa: E402

DATA = ROOT / "content" / "topics" / "TF10" / "exercises" / "induction-scores" / "data" / "induction-2l.pt"


def hooked(cfg, state=None):
    model = HookedTransformer(HookedTransformerConfig(**dict(cfg, dtype=getattr(torch, cfg["dtype"]))))
    if state is None:
        return model
    missing, unexpected = model.load_state_dict(state, strict=False)
    assert not unexpected and all(k.endswith((".mask", ".IGNORE")) for k in missing), (missing, unexpected)
    return model.eval()


def compare(cfg, state, tokens, tol):
    model = hooked(cfg, state)
    logits, cache = model.run_with_cache(tokens)
    ours, patterns = hk.run_reference(tokens, state, cfg)
    torch.testing.assert_close(ours, logits, rtol=tol, atol=tol)
    for layer, pattern in enumerate(patterns):
        torch.testing.assert_close(pattern, cache["pattern", layer], rtol=tol, atol=tol)
    clean = model(tokens, return_type="loss")
    torch.testing.assert_close(hk.lm_loss(ours, tokens), clean, rtol=tol, atol=tol)
    for layer in range(cfg["n_layers"]):
        for head in range(cfg["n_heads"]):

            def zero(z, hook, head=head):
                z[:, :, head] = 0
                return z

            hooks = [(f"blocks.{layer}.attn.hook_z", zero)]
            ablated = model.run_with_hooks(tokens, return_type="loss", fwd_hooks=hooks)
            mine = hk.lm_loss(hk.run_reference(tokens, state, cfg, zero_head=(layer, head))[0], tokens)
            torch.testing.assert_close(mine, ablated, rtol=tol, atol=tol)
    print(
        f"ok: {cfg.get('model_name', 'model')} {cfg.get('positional_embedding_type')} "
        f"attn_only={cfg.get('attn_only', False)} norm={cfg.get('normalization_type', 'LN')} {cfg['dtype']}"
    )


def main():
    cfg, state = hk.random_model(seed=5, dtype="float64")
    compare(cfg, state, hk.random_tokens(cfg, 2, 11, seed=0), 1e-10)
    for pos_type in ("standard", "shortformer"):
        for norm in ("LN", None):
            cfg = dict(
                model_name="attn-only",
                n_layers=2,
                d_model=20,
                n_heads=3,
                d_head=7,
                d_vocab=29,
                n_ctx=13,
                attn_only=True,
                act_fn=None,
                normalization_type=norm,
                positional_embedding_type=pos_type,
                tokenizer_name=None,
                seed=1,
                dtype="float64",
            )
            shapes = {k: tuple(v.shape) for k, v in hooked(cfg).named_parameters()}
            state = ref.random_params(shapes, torch.Generator().manual_seed(7), torch.float64)
            compare(cfg, state, hk.random_tokens(cfg, 2, 11, seed=1), 1e-10)
    shipped = torch.load(io.BytesIO(DATA.read_bytes()), weights_only=True)
    cfg = dict(shipped["config"], dtype="float32")
    state = {k: v for k, v in shipped["state_dict"].items() if not k.endswith((".mask", ".IGNORE"))}
    compare(cfg, state, hk.repeated_tokens(cfg["d_vocab"], 12, 20, seed=0), 1e-5)


if __name__ == "__main__":
    main()
