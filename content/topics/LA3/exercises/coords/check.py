import math

import torch
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(d,): one coordinate per basis vector"


def basis(d, cond=30.0):
    """A random basis (as columns) that is far from orthonormal but well conditioned (condition number = cond)."""
    Q1, _ = torch.linalg.qr(rand(d, d))
    Q2, _ = torch.linalg.qr(rand(d, d))
    s = torch.logspace(0, math.log10(cond), d, dtype=torch.float64)
    return Q1 @ torch.diag(s) @ Q2


def reference(B, v):
    # Through the inverse (the learner is expected to use solve); fine for well-conditioned B.
    return torch.linalg.inv(B) @ v


@test("the worked example: b1 = (1, 0), b2 = (1, 2), v = (3, 4)")
def worked_example():
    B = torch.tensor([[1.0, 1.0], [0.0, 2.0]], dtype=torch.float64)
    v = torch.tensor([3.0, 4.0], dtype=torch.float64)
    expect_tensor(learner.coords(B, v), torch.tensor([1.0, 2.0], dtype=torch.float64), dims=DIMS)


@test("a random non-orthogonal basis of R^5 (condition number 30)")
def random_basis():
    B, v = basis(5), rand(5)
    expect_tensor(learner.coords(B, v), reference(B, v), dims=DIMS, rtol=1e-9, atol=1e-11)


@test("basis vectors of very different lengths (x0.1 to x20), R^4")
def different_lengths():
    B = basis(4, cond=5.0) * torch.tensor([0.1, 1.0, 20.0, 3.0], dtype=torch.float64)
    v = rand(4)
    expect_tensor(learner.coords(B, v), reference(B, v), dims=DIMS, rtol=1e-9, atol=1e-11)


@test("B @ coords(B, v) reconstructs v (R^6, residual at most 1e-9 |v|)")
def reconstructs():
    B, v = basis(6), rand(6) * 4
    c = learner.coords(B, v)
    expect_tensor(c, reference(B, v), dims=DIMS, rtol=1e-9, atol=1e-11)
    residual = float((B @ c - v).norm())
    expect(
        residual <= 1e-9 * float(v.norm()),
        f"B @ c misses v by {residual:.3g}; the coordinates should rebuild v exactly.",
    )


@test("a basis vector's own coordinates: coords(B, b_j) = e_j (R^3)")
def basis_vector():
    B = basis(3)
    expected = torch.zeros(3, dtype=torch.float64)
    expected[2] = 1.0
    expect_tensor(learner.coords(B, B[:, 2].clone()), expected, dims=DIMS, rtol=1e-9, atol=1e-11)


@test("a non-contiguous basis matrix (a transposed view) in R^5")
def transposed_view():
    B, v = basis(5).T, rand(5)
    expect_tensor(learner.coords(B, v), reference(B.contiguous(), v), dims=DIMS, rtol=1e-9, atol=1e-11)


@test("float32 input gives a float32 result (R^4)")
def float32():
    B, v = basis(4, cond=5.0), rand(4)
    expect_tensor(learner.coords(B.float(), v.float()), reference(B, v).float(), dims=DIMS, rtol=1e-4)
