import math

import torch
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(d, d)"
TOL = dict(rtol=1e-9, atol=1e-11)


def basis(d, cond=30.0):
    """A random basis (as columns), far from orthonormal, with condition number cond."""
    Q1, _ = torch.linalg.qr(rand(d, d))
    Q2, _ = torch.linalg.qr(rand(d, d))
    s = torch.logspace(0, math.log10(cond), d, dtype=torch.float64)
    return Q1 @ torch.diag(s) @ Q2


def reference(A, B):
    # Column j of A' holds the B-coordinates of A b_j.
    return torch.linalg.inv(B) @ (A @ B)


@test("the worked example: the 90 degree rotation in the basis (1, 0), (1, 2)")
def worked_example():
    A = torch.tensor([[0.0, -1.0], [1.0, 0.0]], dtype=torch.float64)
    B = torch.tensor([[1.0, 1.0], [0.0, 2.0]], dtype=torch.float64)
    expect_tensor(learner.map_in_basis(A, B), torch.tensor([[-0.5, -2.5], [0.5, 0.5]], dtype=torch.float64), dims=DIMS)


@test("random map and random non-orthogonal basis of R^5")
def random_case():
    A, B = rand(5, 5), basis(5)
    expect_tensor(learner.map_in_basis(A, B), reference(A, B), dims=DIMS, **TOL)


@test("A' x' gives the B-coordinates of A (B x') for random x' (R^4)")
def acts_on_coordinates():
    A, B = rand(4, 4), basis(4)
    A_new = learner.map_in_basis(A, B)
    expect_tensor(A_new, reference(A, B), dims=DIMS, **TOL)
    for _ in range(3):
        x_new = rand(4)
        want = torch.linalg.solve(B, A @ (B @ x_new))
        got = A_new @ x_new
        expect(
            torch.allclose(got, want, rtol=1e-9, atol=1e-10),
            f"A' x' = {got.tolist()} but the B-coordinates of A (B x') are {want.tolist()}.",
        )


@test("the same map in any basis keeps its trace (R^6)")
def invariants():
    A, B = rand(6, 6), basis(6, cond=10.0)
    A_new = learner.map_in_basis(A, B)
    expect_tensor(A_new, reference(A, B), dims=DIMS, **TOL)
    expect(abs(float(A_new.trace() - A.trace())) < 1e-8, "The trace changed; B⁻¹AB must have the same trace as A.")


@test("the identity map is the identity in every basis (R^3)")
def identity():
    B = basis(3)
    expect_tensor(
        learner.map_in_basis(torch.eye(3, dtype=torch.float64), B),
        torch.eye(3, dtype=torch.float64),
        dims=DIMS,
        rtol=1e-9,
        atol=1e-10,
    )
