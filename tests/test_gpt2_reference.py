"""The transformer checks' shared reference (content/shared/gpt2_reference.py) equals
TransformerLens's HookedTransformer built from the same config and weights."""

import sys
from pathlib import Path

import pytest
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "content" / "shared"))
import gpt2_reference as ref  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore:HookedTransformer is deprecated")


def hooked(cfg: ref.Config, params: dict):
    import transformer_lens  # here, not at the top: collecting the tests in each worker took 5 s longer

    config = transformer_lens.HookedTransformerConfig(**ref.hooked_config_kwargs(cfg), dtype=torch.float64)
    model = transformer_lens.HookedTransformer(config)
    missing, unexpected = model.load_state_dict(params, strict=False)
    assert unexpected == [] and all(k.endswith((".mask", ".IGNORE")) for k in missing)
    return model.eval()


@pytest.mark.parametrize(
    "cfg", [ref.Config(), ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)]
)
def test_the_reference_equals_hooked_transformer(cfg):
    params = ref.random_state_dict(cfg, seed=1)
    assert set(params) == {k for k in hooked(cfg, params).state_dict() if not k.endswith((".mask", ".IGNORE"))}
    tokens = torch.randint(0, cfg.d_vocab, (2, cfg.n_ctx - 1), generator=torch.Generator().manual_seed(2))
    logits, cache = hooked(cfg, params).run_with_cache(tokens)
    torch.testing.assert_close(ref.forward(tokens, params, cfg), logits, rtol=1e-10, atol=1e-10)
    resid = torch.stack(ref.residual_components(tokens, params, cfg)).sum(0)
    torch.testing.assert_close(resid, cache[f"blocks.{cfg.n_layers - 1}.hook_resid_post"], rtol=1e-10, atol=1e-10)
    embed = params["embed.W_E"][tokens] + params["pos_embed.W_pos"][: tokens.shape[1]]
    mid, _ = ref.block(embed, params, 0, cfg.eps)
    torch.testing.assert_close(mid, cache["blocks.0.hook_resid_mid"], rtol=1e-10, atol=1e-10)
    _, pattern = ref.attention(
        ref.layer_norm(embed, params["blocks.0.ln1.w"], params["blocks.0.ln1.b"]),
        params,
        "blocks.0.attn.",
        return_pattern=True,
    )
    torch.testing.assert_close(pattern, cache["blocks.0.attn.hook_pattern"], rtol=1e-10, atol=1e-10)


def test_random_weights_leave_nothing_at_its_default():
    params = ref.random_state_dict(ref.Config(), seed=0)
    for name, value in params.items():
        assert not torch.allclose(value, torch.zeros_like(value)), name
        assert not torch.allclose(value, torch.ones_like(value)), name
