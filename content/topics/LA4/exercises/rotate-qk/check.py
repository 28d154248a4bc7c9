import torch
from hypothesis import Phase, given, settings, strategies as st
from grader.checks import test, learner, expect_tensor, expect, fail, rand

DIMS = "(d_model, d_head), the same shape as W_Q and W_K"


def rotation(d, generator=None):
    """A random rotation of R^d (orthogonal, det +1, not symmetric)."""
    Q, R = torch.linalg.qr(torch.randn(d, d, dtype=torch.float64, generator=generator))
    Q = Q * torch.sign(torch.diagonal(R))[None, :]
    if torch.linalg.det(Q) < 0:
        Q[:, 0] = -Q[:, 0]
    return Q


def reference(W, R):
    # The new weight must satisfy R W_new = W; solve that system directly.
    return torch.linalg.solve(R, W)


def unpack(result):
    if not isinstance(result, (tuple, list)) or len(result) != 2:
        fail(
            f"`rotate_qk` should return a pair (W_Q_new, W_K_new); it returned {type(result).__name__}"
            + (f" of length {len(result)}" if isinstance(result, (tuple, list)) else "")
            + "."
        )
    return result


def explain(W_new, W, R):
    """Name the usual mistakes by comparing with the candidates."""
    if W_new.shape == W.shape and W_new.dtype == W.dtype:  # a float32 answer to a float64 case is named by its dtype
        if torch.allclose(W_new, R @ W, atol=1e-10):
            return " Your weight is R W: that rotates the weight the same way as the stream; it must undo the rotation, Rᵀ W."
        if torch.allclose(W_new, W, atol=1e-10):
            return " Your weight is unchanged: x R W ≠ x W, so the weight must absorb the rotation."
    return ""


def check_pair(W_Q, W_K, R):
    W_Q_new, W_K_new = unpack(learner.rotate_qk(W_Q, W_K, R))
    for name, got, W in (("W_Q_new", W_Q_new, W_Q), ("W_K_new", W_K_new, W_K)):
        try:
            expect_tensor(got, reference(W, R), name=name, dims=DIMS, rtol=1e-9, atol=1e-11)
        except AssertionError as e:
            hint = explain(got, W, R) if isinstance(got, torch.Tensor) else ""
            fail(e.message + hint)
    return W_Q_new, W_K_new


@test("the worked example: d_model=2, d_head=1, a rotation by 0.5 rad")
def worked_example():
    import math

    t = 0.5
    R = torch.tensor([[math.cos(t), -math.sin(t)], [math.sin(t), math.cos(t)]], dtype=torch.float64)
    W_Q = torch.tensor([[1.0], [0.0]], dtype=torch.float64)
    W_K = torch.tensor([[0.0], [1.0]], dtype=torch.float64)
    check_pair(W_Q, W_K, R)


@test("random head, d_model=6, d_head=4, random rotation: queries and keys unchanged")
def random_head():
    W_Q, W_K, R = rand(6, 4), rand(6, 4), rotation(6)
    W_Q_new, W_K_new = check_pair(W_Q, W_K, R)
    X = rand(5, 6)
    err = float(((X @ R) @ W_Q_new - X @ W_Q).abs().max())
    expect(err < 1e-10, f"Queries of the rotated stream differ from the originals by {err:.3g}.")


@test("every attention score survives: 7 positions, d_model=8, d_head=3")
def scores():
    W_Q, W_K, R = rand(8, 3), rand(8, 3), rotation(8)
    W_Q_new, W_K_new = check_pair(W_Q, W_K, R)
    X = rand(7, 8)
    before = (X @ W_Q) @ (X @ W_K).T
    after = ((X @ R) @ W_Q_new) @ ((X @ R) @ W_K_new).T
    err = float((after - before).abs().max())
    expect(err < 1e-9, f"The attention scores changed by up to {err:.3g} after the rotation.")


@test("a reflection (det = -1) works too, d_model=5, d_head=2")
def reflection():
    R = rotation(5)
    R[:, 1] = -R[:, 1]
    check_pair(rand(5, 2), rand(5, 2), R)


@test("property: random rotations and heads, d_model 2..9 and d_head 1..4")
def property_scores():
    @settings(
        derandomize=True,
        deadline=None,
        database=None,
        max_examples=25,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
    )
    @given(d_model=st.integers(2, 9), d_head=st.integers(1, 4), seed=st.integers(0, 2**31 - 1))
    def check(d_model, d_head, seed):
        g = torch.Generator().manual_seed(seed)
        R = rotation(d_model, g)
        W_Q = torch.randn(d_model, d_head, dtype=torch.float64, generator=g)
        W_K = torch.randn(d_model, d_head, dtype=torch.float64, generator=g)
        check_pair(W_Q, W_K, R)

    check()


@test("float32 weights and rotation give float32 weights (d_model=5, d_head=3)")
def float32():
    W_Q, W_K, R = rand(5, 3), rand(5, 3), rotation(5)
    W_Q_new, W_K_new = unpack(learner.rotate_qk(W_Q.float(), W_K.float(), R.float()))
    for name, got, W in (("W_Q_new", W_Q_new, W_Q), ("W_K_new", W_K_new, W_K)):
        expect_tensor(got, reference(W, R).float(), name=name, dims=DIMS, rtol=1e-4, atol=1e-5)
