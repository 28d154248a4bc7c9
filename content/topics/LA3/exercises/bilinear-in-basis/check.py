import math

import torch
from hypothesis import Phase, given, settings, strategies as st
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(d, d)"
TOL = dict(rtol=1e-9, atol=1e-11)


def basis(d, cond=30.0, generator=None):
    """A random basis (as columns), far from orthonormal, with condition number cond."""
    Q1, _ = torch.linalg.qr(torch.randn(d, d, dtype=torch.float64, generator=generator))
    Q2, _ = torch.linalg.qr(torch.randn(d, d, dtype=torch.float64, generator=generator))
    s = torch.logspace(0, math.log10(cond), d, dtype=torch.float64)
    return Q1 @ torch.diag(s) @ Q2


def reference(W, P):
    # Entry [i, j] is the form evaluated on the basis vectors: beta(p_i, p_j) = p_i^T W p_j.
    d = W.shape[0]
    return torch.stack([torch.stack([P[:, i] @ W @ P[:, j] for j in range(d)]) for i in range(d)])


@test("the worked example: the dot product in the basis (1, 0), (1, 2) is the Gram matrix")
def worked_example():
    W = torch.eye(2, dtype=torch.float64)
    P = torch.tensor([[1.0, 1.0], [0.0, 2.0]], dtype=torch.float64)
    expect_tensor(
        learner.bilinear_in_basis(W, P), torch.tensor([[1.0, 1.0], [1.0, 5.0]], dtype=torch.float64), dims=DIMS
    )


@test("a non-symmetric W (like W_Q W_K^T) and a non-orthogonal basis of R^5")
def random_case():
    W, P = rand(5, 5), basis(5)
    expect_tensor(learner.bilinear_in_basis(W, P), reference(W, P), dims=DIMS, **TOL)


@test("a low-rank QK circuit W = W_Q W_K^T (d_model=6, d_head=2) keeps every attention score")
def qk_circuit():
    W_Q, W_K = rand(6, 2), rand(6, 2)
    W, P = W_Q @ W_K.T, basis(6)
    W_new = learner.bilinear_in_basis(W, P)
    expect_tensor(W_new, reference(W, P), dims=DIMS, **TOL)
    x_new, y_new = rand(6), rand(6)
    got, want = float(x_new @ W_new @ y_new), float((P @ x_new) @ W @ (P @ y_new))
    expect(abs(got - want) <= 1e-9 * max(1.0, abs(want)), f"x'ᵀ W' y' = {got:.6g}, but the score xᵀ W y = {want:.6g}.")


@test("property: x'^T W' y' == (P x')^T W (P y') for random W, P, x', y' (d from 2 to 7)")
def property_scores():
    @settings(
        derandomize=True,
        deadline=None,
        database=None,
        max_examples=25,
        phases=(Phase.explicit, Phase.reuse, Phase.generate),
    )
    @given(d=st.integers(2, 7), seed=st.integers(0, 2**31 - 1))
    def check(d, seed):
        g = torch.Generator().manual_seed(seed)
        W = torch.randn(d, d, dtype=torch.float64, generator=g)
        P = basis(d, cond=20.0, generator=g)
        W_new = learner.bilinear_in_basis(W, P)
        expect_tensor(W_new, reference(W, P), dims=DIMS, **TOL)
        x_new = torch.randn(d, dtype=torch.float64, generator=g)
        y_new = torch.randn(d, dtype=torch.float64, generator=g)
        got, want = float(x_new @ W_new @ y_new), float((P @ x_new) @ W @ (P @ y_new))
        expect(
            abs(got - want) <= 1e-9 * max(1.0, abs(want)),
            f"With d={d}: x'ᵀ W' y' = {got:.6g}, but xᵀ W y = {want:.6g}.",
        )

    check()


@test("an orthogonal change of basis (where the map rule and the form rule agree), R^4")
def orthogonal():
    Q, _ = torch.linalg.qr(rand(4, 4))
    W = rand(4, 4)
    expect_tensor(learner.bilinear_in_basis(W, Q), reference(W, Q), dims=DIMS, **TOL)
