import math

import torch
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(d, k), the same shape as V"


def columns_with_cond(d, k, cond):
    """A (d, k) matrix with independent but far-from-orthogonal columns (condition number cond)."""
    Q1, _ = torch.linalg.qr(rand(d, k))
    Q2, _ = torch.linalg.qr(rand(k, k))
    s = torch.logspace(0, math.log10(cond), k, dtype=torch.float64)
    return Q1 @ torch.diag(s) @ Q2


def reference(V):
    # Householder QR, then flip signs so that R has a positive diagonal (this makes Q unique).
    Q, R = torch.linalg.qr(V)
    return Q * torch.sign(torch.diagonal(R))[None, :]


def check_structure(Q, V):
    k = V.shape[1]
    gram = Q.T @ Q
    err = float((gram - torch.eye(k, dtype=V.dtype)).abs().max())
    expect(
        err <= 1e-10,
        f"The columns are not orthonormal: QᵀQ differs from the identity by up to {err:.3g} "
        f"(diagonal {[round(x, 6) for x in torch.diagonal(gram).tolist()]}).",
    )
    R = Q.T @ V
    below = float(torch.tril(R, -1).abs().max()) if k > 1 else 0.0
    expect(
        below <= 1e-9 * float(V.abs().max()),
        f"QᵀV is not upper triangular (an entry below the diagonal is {below:.3g}): q_j must lie in the span of v_1..v_j, "
        "so process the columns in order and subtract components along the earlier q's only.",
    )
    expect(
        bool((torch.diagonal(R) > 0).all()),
        f"The diagonal of QᵀV should be positive, got {[round(x, 4) for x in torch.diagonal(R).tolist()]}: "
        "each q_j should point to the same side as v_j.",
    )


@test("the worked example: columns (3, 4) and (1, 0)")
def worked_example():
    V = torch.tensor([[3.0, 1.0], [4.0, 0.0]], dtype=torch.float64)
    expect_tensor(learner.gram_schmidt(V), torch.tensor([[0.6, 0.8], [0.8, -0.6]], dtype=torch.float64), dims=DIMS)


@test("a tall random matrix, d=7, k=4, columns far from orthogonal")
def tall():
    V = columns_with_cond(7, 4, cond=50.0)
    Q = learner.gram_schmidt(V)
    expect_tensor(Q, reference(V), dims=DIMS, rtol=1e-9, atol=1e-10)
    check_structure(Q, V)


@test("a square random matrix, d=k=5: Q is an orthogonal matrix")
def square():
    V = columns_with_cond(5, 5, cond=20.0)
    Q = learner.gram_schmidt(V)
    expect_tensor(Q, reference(V), dims=DIMS, rtol=1e-9, atol=1e-10)
    check_structure(Q, V)
    err = float((Q @ Q.T - torch.eye(5, dtype=torch.float64)).abs().max())
    expect(err <= 1e-10, f"For square V, Q Qᵀ should be the identity too; it is off by {err:.3g}.")


@test("columns of very different lengths (x0.01 to x100), d=6, k=3")
def lengths():
    V = columns_with_cond(6, 3, cond=10.0) * torch.tensor([0.01, 100.0, 1.0], dtype=torch.float64)
    Q = learner.gram_schmidt(V)
    expect_tensor(Q, reference(V), dims=DIMS, rtol=1e-9, atol=1e-10)
    check_structure(Q, V)


@test("Q Qᵀ V == V: Q spans the columns of V (d=8, k=3)")
def spans():
    V = columns_with_cond(8, 3, cond=30.0)
    Q = learner.gram_schmidt(V)
    expect_tensor(Q, reference(V), dims=DIMS, rtol=1e-9, atol=1e-10)
    err = float((Q @ (Q.T @ V) - V).abs().max())
    expect(
        err <= 1e-9, f"Projecting V onto the span of your Q's columns moves it by {err:.3g}; the spans should agree."
    )


@test("a non-contiguous V (a transposed view), d=6, k=4")
def transposed_view():
    V = columns_with_cond(6, 4, cond=20.0).T.contiguous().T
    Q = learner.gram_schmidt(V)
    expect_tensor(Q, reference(V.contiguous()), dims=DIMS, rtol=1e-9, atol=1e-10)
    check_structure(Q, V)


@test("a single column (d=4, k=1) is just normalised")
def single():
    V = rand(4, 1) * 3
    expect_tensor(learner.gram_schmidt(V), V / V.norm(), dims=DIMS)


@test("float32 input gives a float32 result (d=5, k=3)")
def float32():
    V = columns_with_cond(5, 3, cond=5.0)
    expect_tensor(learner.gram_schmidt(V.float()), reference(V).float(), dims=DIMS, rtol=1e-4, atol=1e-5)
