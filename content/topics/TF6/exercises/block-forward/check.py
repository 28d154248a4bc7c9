import torch

from grader import compare
from grader.checks import test, learner, remote, fail, rand

# Mock sub-layers: simple, distinct functions, so that each wiring mistake gives a different answer.
# They run in your process (and here, to work out the expected values).


@remote
def identity(x):
    return x


@remote
def times_two(x):
    return 2 * x


@remote
def plus_three(x):
    return x + 3


@remote
def half(x):
    return 0.5 * x


@remote
def square(x):
    return x * x


@remote
def plus_one(x):
    return x + 1


@remote
def times_three(x):
    return 3 * x


@remote
def sine(x):
    import torch

    return torch.sin(x)


@remote
def tanh(x):
    import torch

    return torch.tanh(x)


@remote
def bump(x):
    import torch

    return torch.exp(-x * x)


def expected(x, ln1, attn, ln2, mlp):
    mid = x + attn(ln1(x))
    return mid, mid + mlp(ln2(mid))


def check_pair(x, ln1, attn, ln2, mlp):
    got = learner.block_forward(x, ln1, attn, ln2, mlp)
    if not (isinstance(got, (tuple, list)) and len(got) == 2):
        fail(
            f"`block_forward` returned {compare.describe(got)}; it should return a pair (resid_mid, resid_post).",
            got=got,
        )
    mid, post = expected(x, ln1, attn, ln2, mlp)
    for value, want, name in (
        (got[0], mid, "resid_mid (the first value returned)"),
        (got[1], post, "resid_post (the second value returned)"),
    ):
        problem = compare.tensors(value, want, name=name, dims="(batch, pos, d_model), the shape of resid_pre")
        if problem:
            fail(problem[0], got=got)


@test(
    "residual connections: with ln1 = ln2 = identity, attn = 2x and mlp = x + 3, resid_mid = 3x and resid_post = 6x + 3"
)
def residuals():
    check_pair(rand(2, 11, 20), identity, times_two, identity, plus_three)


@test(
    "the LayerNorms feed the sub-layers, and the stream itself is never normalised: "
    "ln1 = x/2, attn = x^2, ln2 = x + 1, mlp = 3x"
)
def pre_ln():
    check_pair(rand(2, 11, 20), half, square, plus_one, times_three)


@test("each sub-layer has its own LayerNorm, and the MLP reads resid_mid: ln1 = sin, attn = 2x, ln2 = tanh, mlp = x^2")
def own_layer_norms():
    check_pair(rand(2, 11, 20), sine, times_two, tanh, square)


@test("float32 and another shape: resid_pre (3, 5, 4) float32, ln1 = tanh, attn = exp(-x^2), ln2 = sin, mlp = x^2")
def float32():
    check_pair(rand(3, 5, 4, dtype=torch.float32), tanh, bump, sine, square)
