import torch
from hypothesis import Phase, given, settings, strategies as st

import gpt2_reference as ref
import tf_modules_grad
from grader.checks import test, learner, remote, expect, fail, expect_tensor, rand

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"


def random_state(dtype=torch.float64):
    """W_in, b_in, W_out, b_out: TransformerLens's names inside an MLP, all random (biases too)."""
    prefix = "blocks.0.mlp."
    shapes = {k[len(prefix) :]: v for k, v in ref.block_shapes(CFG, 0).items() if k.startswith(prefix)}
    return ref.random_params(shapes, dtype=dtype)


def run(state, x):
    # Eval mode, without gradients: a correct MLP with dropout passes.
    return tf_modules_grad.run_eval("MLP", CFG.as_dict(), state, x)


@remote
def input_unchanged(cfg, state, x):
    import torch

    model = MLP(Config(**cfg)).to(x.dtype)
    model.load_state_dict(state, strict=False)
    before = x.clone()
    with torch.no_grad():
        model(x)
    return bool(torch.equal(before, x))


@test(
    "float64: loads W_in (20, 33), b_in (33,), W_out (33, 20), b_out (20,) and matches the reference on x (2, 11, 20)"
)
def float64():
    state, x = random_state(), rand(2, 11, 20)
    expect_tensor(run(state, x), ref.mlp(x, state), name="MLP(cfg)(x)", dims=DIMS)


@test("float32: the same sizes, float32 weights and input, float32 tolerance")
def float32():
    state, x = random_state(torch.float32), rand(2, 11, 20, dtype=torch.float32)
    expect_tensor(run(state, x), ref.mlp(x, state), name="MLP(cfg)(x)", dims=DIMS)


@test("gradients: loss.backward() through the MLP reaches W_in, b_in, W_out, b_out and x, with the reference's values")
def gradients():
    state, x = random_state(), rand(2, 11, 20)
    g = rand(2, 11, 20)  # loss = sum(out * g), so every output entry matters
    got = tf_modules_grad.grads("MLP", CFG.as_dict(), state, [x], g)
    tf_modules_grad.expect_grads(got, tf_modules_grad.reference_grads(ref.mlp, state, [x], g), "MLP(cfg)")


@test("three sequences of one position: x (3, 1, 20)")
def one_position():
    state, x = random_state(), rand(3, 1, 20)
    expect_tensor(run(state, x), ref.mlp(x, state), name="MLP(cfg)(x)", dims=DIMS)


@test("position-wise: shuffling the 11 positions of the input shuffles the output the same way")
def position_wise():
    state, x = random_state(), rand(2, 11, 20)
    out = run(state, x)
    expect(
        isinstance(out, torch.Tensor) and out.shape == x.shape,
        f"MLP(cfg)(x) should have the shape of x, (2, 11, 20); got {getattr(out, 'shape', type(out).__name__)}.",
    )

    @settings(
        derandomize=True, deadline=None, database=None, max_examples=4, phases=[Phase.explicit, Phase.generate]
    )  # no shrinking: each example is a learner call
    @given(st.permutations(list(range(11))))
    def shuffled(perm):
        perm = torch.tensor(perm)
        got = run(state, x[:, perm])
        if not (
            isinstance(got, torch.Tensor)
            and got.shape == x.shape
            and got.dtype == x.dtype
            and torch.allclose(got, out[:, perm], rtol=1e-10, atol=1e-12)
        ):
            fail(
                f"With the positions of x shuffled to the order {perm.tolist()}, the output should be the "
                "original output shuffled the same way, but it is not: the MLP must treat every position on "
                "its own, with no mixing along the pos axis."
            )

    shuffled()


@test("the input x is not changed by the forward pass")
def unchanged():
    state, x = random_state(), rand(2, 11, 20)
    run(state, x)  # a loading problem is reported first, with its own message
    expect(
        learner.run(input_unchanged, CFG.as_dict(), state, x) is True,
        "Your MLP changed its input x in place (an in-place operation such as `x += ...` or `x.mul_(...)`); "
        "in a transformer, x is the residual stream, which other layers still need. Compute new tensors.",
    )
