import torch
from hypothesis import Phase, given, settings, strategies as st

import gpt2_reference as ref
import tf_modules
from grader import compare
from grader.checks import test, learner, remote, expect, fail, expect_tensor, rand

# Distinct sizes: batch 2, pos 11, n_heads 4, d_head 7, n_ctx 13, d_model 20.
CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"
NAME = "Attention(cfg)(x)"


def random_state(dtype=torch.float64):
    """W_Q, W_K, W_V, W_O and the four biases, under TransformerLens's names; nothing is 0."""
    prefix = "blocks.0.attn."
    shapes = {k[len(prefix) :]: v for k, v in ref.block_shapes(CFG, 0).items() if k.startswith(prefix)}
    return ref.random_params(shapes, dtype=dtype)


def run(state, x):
    return tf_modules.run_module("Attention", CFG.as_dict(), state, x)


def same(a, b) -> bool:
    return (
        isinstance(a, torch.Tensor)
        and a.shape == b.shape
        and a.dtype == b.dtype
        and bool(torch.allclose(a, b, rtol=1e-10, atol=1e-12))
    )


@remote
def input_unchanged(cfg, state, x):
    import torch

    model = Attention(Config(**cfg)).to(x.dtype)
    model.load_state_dict(state, strict=False)
    before = x.clone()
    with torch.no_grad():
        model(x)
    return bool(torch.equal(before, x))


@test(
    "float64: loads W_Q/W_K/W_V (4, 20, 7), W_O (4, 7, 20) and random biases b_Q/b_K/b_V (4, 7), b_O (20,); "
    "matches the reference on x (2, 11, 20)"
)
def float64():
    state, x = random_state(), rand(2, 11, 20)
    expect_tensor(run(state, x), ref.attention(x, state), name=NAME, dims=DIMS)


@test("float32: the same sizes, float32 weights and input, float32 tolerance")
def float32():
    state, x = random_state(torch.float32), rand(2, 11, 20, dtype=torch.float32)
    expect_tensor(run(state, x), ref.attention(x, state), name=NAME, dims=DIMS)


@test("the whole context and a single position: x (3, 13, 20) with pos = n_ctx, then x (2, 1, 20)")
def lengths():
    state = random_state()
    for x in (rand(3, 13, 20), rand(2, 1, 20)):
        expect_tensor(run(state, x), ref.attention(x, state), name=NAME, dims=DIMS)


@test("a non-contiguous input: x (2, 11, 20) is a permuted view of a (20, 11, 2) tensor")
def non_contiguous():
    state, x = random_state(), rand(20, 11, 2).permute(2, 1, 0)
    expect_tensor(run(state, x), ref.attention(x, state), name=NAME, dims=DIMS)


@test("causal: changing the input at positions after t leaves the output at positions 0..t unchanged")
def causal():
    state, x = random_state(), rand(2, 11, 20)
    out = run(state, x)
    expect(
        isinstance(out, torch.Tensor) and out.shape == x.shape,
        f"{NAME} should have the shape of x, (2, 11, 20); got {getattr(out, 'shape', type(out).__name__)}.",
    )

    @settings(
        derandomize=True, deadline=None, database=None, max_examples=5, phases=[Phase.explicit, Phase.generate]
    )  # no shrinking: each example is a learner call
    @given(st.integers(0, 9), st.integers(0, 2**31))
    def future_changed(t, seed):
        noise = torch.randn(x.shape, generator=torch.Generator().manual_seed(seed), dtype=x.dtype)
        changed = x.clone()
        changed[:, t + 1 :] = noise[:, t + 1 :]
        got = run(state, changed)
        if not same(got[:, : t + 1] if isinstance(got, torch.Tensor) else got, out[:, : t + 1]):
            earlier = "position 0" if t == 0 else f"positions 0..{t}"
            fail(
                f"Changing x only at positions {t + 1}..10 also changed your output at {earlier}: a query "
                "may attend to its own and earlier positions, never later ones. Mask the scores of keys after "
                "the query (k_pos > q_pos) with -inf before the softmax over the keys."
            )

    future_changed()


@test("batch independence: changing sequence 0 of the batch leaves the output for sequence 1 unchanged")
def batch_independent():
    state, x = random_state(), rand(2, 11, 20)
    out = run(state, x)
    changed = x.clone()
    changed[0] = rand(11, 20)
    got = run(state, changed)
    expect(
        isinstance(out, torch.Tensor) and isinstance(got, torch.Tensor) and same(got[1], out[1]),
        "Changing sequence 0 of the batch changed your output for sequence 1: sequences in a batch must not "
        "see each other. Keep the batch axis in every einsum (and never sum or softmax over it).",
    )


@test("the input x is not changed by the forward pass")
def unchanged():
    state, x = random_state(), rand(2, 11, 20)
    run(state, x)  # a loading problem is reported first, with its own message
    expect(
        learner.run(input_unchanged, CFG.as_dict(), state, x) is True,
        "Your Attention changed its input x in place (an in-place operation such as `x += ...`); in a "
        "transformer, x is the residual stream, which later layers still need. Compute new tensors.",
    )


@test(
    "gradients flow: a loss on the output gives every weight, bias and the input x the gradients autograd gives "
    "the reference (float64, x (2, 11, 20))"
)
def gradients():
    state, x = random_state(), rand(2, 11, 20)
    tf_modules.expect_grads("Attention", CFG.as_dict(), state, [x], lambda p, x: ref.attention(x, p), "the output")


@test(
    "training: three gradient-descent steps on your Attention give the losses and weights they give the "
    "reference (float64, x (2, 5, 20))"
)
def trains():
    state, x = random_state(), rand(2, 5, 20)
    tf_modules.expect_trains("Attention", CFG.as_dict(), state, [x], rand(2, 5, 20), lambda p, x: ref.attention(x, p))
