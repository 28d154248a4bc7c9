import dataclasses

import torch
from hypothesis import Phase, given, settings, strategies as st

import gpt2_reference as ref
import tf_modules_grad
from grader.checks import test, learner, remote, expect, fail, expect_tensor, rand

# Distinct sizes: batch 2, pos 11, n_heads 4, d_head 7, n_ctx 13, d_model 20, d_mlp 33.
CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"
NAME = "TransformerBlock(cfg)(resid_pre)"
PREFIX = "blocks.0."


def random_state(cfg=CFG, dtype=torch.float64):
    """The block's 16 parameters under the names ln1.w, ..., mlp.b_out; LayerNorm w != 1, every bias != 0."""
    return {k[len(PREFIX) :]: v for k, v in ref.random_params(ref.block_shapes(cfg, 0), dtype=dtype).items()}


def reference(x, state, cfg=CFG):
    return ref.block(x, {PREFIX + k: v for k, v in state.items()}, 0, cfg.eps)[1]


def run(state, x, cfg=CFG):
    # Eval mode, without gradients: a correct block with dropout passes.
    return tf_modules_grad.run_eval("TransformerBlock", cfg.as_dict(), state, x)


@remote
def input_unchanged(cfg, state, x):
    import torch

    model = TransformerBlock(Config(**cfg)).to(x.dtype)
    model.load_state_dict(state, strict=False)
    before = x.clone()
    with torch.no_grad():
        model(x)
    return bool(torch.equal(before, x))


@test(
    "float64: loads ln1.w, ln1.b, attn.W_Q, ..., ln2.b, mlp.b_out (random, LayerNorm w != 1, biases != 0) and "
    "matches the reference block's resid_post on resid_pre (2, 11, 20)"
)
def float64():
    state, x = random_state(), rand(2, 11, 20)
    expect_tensor(run(state, x), reference(x, state), name=NAME, dims=DIMS)


@test("float32: the same sizes, float32 weights and input, float32 tolerance")
def float32():
    state, x = random_state(dtype=torch.float32), rand(2, 11, 20, dtype=torch.float32)
    expect_tensor(run(state, x), reference(x, state), name=NAME, dims=DIMS)


@test(
    "gradients: loss.backward() through the block reaches all 16 parameters and resid_pre, with the reference's "
    "values (float64)"
)
def gradients():
    state, x = random_state(), rand(2, 11, 20)
    g = rand(2, 11, 20)  # loss = sum(out * g), so every output entry matters
    got = tf_modules_grad.grads("TransformerBlock", CFG.as_dict(), state, [x], g)
    want = tf_modules_grad.reference_grads(reference, state, [x], g)
    tf_modules_grad.expect_grads(got, want, NAME)


@test("the LayerNorms use cfg.eps: a block built with eps = 0.1, on resid_pre (2, 11, 20) of scale 0.3")
def large_eps():
    cfg = dataclasses.replace(CFG, eps=0.1)
    state, x = random_state(cfg), rand(2, 11, 20, scale=0.3)
    expect_tensor(run(state, x, cfg), reference(x, state, cfg), name=NAME, dims=DIMS)


@test("causal: changing resid_pre at positions after t leaves resid_post at positions 0..t unchanged")
def causal():
    state, x = random_state(), rand(2, 11, 20)
    out = run(state, x)
    expect(
        isinstance(out, torch.Tensor) and out.shape == x.shape,
        f"{NAME} should have the shape of resid_pre, (2, 11, 20); got {getattr(out, 'shape', type(out).__name__)}.",
    )

    @settings(
        derandomize=True, deadline=None, database=None, max_examples=3, phases=[Phase.explicit, Phase.generate]
    )  # no shrinking: each example is a learner call
    @given(st.integers(0, 9), st.integers(0, 2**31))
    def future_changed(t, seed):
        noise = torch.randn(x.shape, generator=torch.Generator().manual_seed(seed), dtype=x.dtype)
        changed = x.clone()
        changed[:, t + 1 :] = noise[:, t + 1 :]
        got = run(state, changed)
        ok = (
            isinstance(got, torch.Tensor)
            and got.shape == x.shape
            and torch.allclose(got[:, : t + 1], out[:, : t + 1], rtol=1e-10, atol=1e-12)
        )
        if not ok:
            earlier = "position 0" if t == 0 else f"positions 0..{t}"
            fail(
                f"Changing resid_pre only at positions {t + 1}..10 also changed your resid_post at {earlier}: only "
                "the attention may move information between positions, and only from earlier to later ones."
            )

    future_changed()


@test("resid_pre is not changed by the forward pass")
def unchanged():
    state, x = random_state(), rand(2, 11, 20)
    run(state, x)  # a loading problem is reported first, with its own message
    expect(
        learner.run(input_unchanged, CFG.as_dict(), state, x) is True,
        "Your TransformerBlock changed resid_pre in place (for example `resid_pre += ...`); the caller's tensor "
        "must stay as it was. Write resid_mid = resid_pre + ... instead.",
    )
