import math

import torch
from grader.checks import test, learner, expect_equal, rand


def rotation(d):
    """A random rotation (det +1) of R^d."""
    Q, R = torch.linalg.qr(rand(d, d))
    Q = Q * torch.sign(torch.diagonal(R))[None, :]
    if torch.linalg.det(Q) < 0:
        Q[:, 0] = -Q[:, 0]
    return Q


def plane_rotation(theta):
    return torch.tensor([[math.cos(theta), -math.sin(theta)], [math.sin(theta), math.cos(theta)]], dtype=torch.float64)


@test("a rotation of the plane by 0.3 radians is orthogonal")
def plane():
    expect_equal(learner.is_orthogonal(plane_rotation(0.3)), True)


@test("random rotations of R^3, R^5 and R^8 are orthogonal")
def rotations():
    for d in (3, 5, 8):
        expect_equal(learner.is_orthogonal(rotation(d)), True)


@test("a reflection (det = -1) and a permutation matrix are orthogonal")
def reflections():
    Q = rotation(4)
    Q[:, 2] = -Q[:, 2]
    expect_equal(learner.is_orthogonal(Q), True)
    expect_equal(learner.is_orthogonal(torch.eye(5, dtype=torch.float64)[[3, 0, 4, 1, 2]]), True)


@test("a rotation times 2 (orthogonal columns of length 2) is not orthogonal")
def scaled():
    expect_equal(learner.is_orthogonal(2 * rotation(4)), False)


@test("orthogonal columns of different lengths (a rotation times diag(1, 1, 3)) is not orthogonal")
def diag_scaled():
    expect_equal(learner.is_orthogonal(rotation(3) * torch.tensor([1.0, 1.0, 3.0], dtype=torch.float64)), False)


@test("columns of length 1 that are not at right angles, and a shear with det 1, are not orthogonal")
def unit_columns():
    M = torch.tensor([[1.0, 0.6], [0.0, 0.8]], dtype=torch.float64)  # columns (1, 0) and (0.6, 0.8), det 0.8
    expect_equal(learner.is_orthogonal(M), False)
    S = torch.tensor([[1.0, 1.0], [0.0, 1.0]], dtype=torch.float64)  # a shear: det 1, not orthogonal
    expect_equal(learner.is_orthogonal(S), False)


@test("a tall (5, 3) matrix with orthonormal columns is not an orthogonal matrix (not square)")
def tall():
    Q = rotation(5)[:, :3].contiguous()
    expect_equal(learner.is_orthogonal(Q), False)


@test("a wide (3, 5) matrix with orthonormal rows is not orthogonal either")
def wide():
    Q = rotation(5)[:3, :].contiguous()
    expect_equal(learner.is_orthogonal(Q), False)


@test("tolerance: off by 1e-6 is rejected with the default tol but accepted with tol=1e-4")
def tolerance():
    Q = rotation(4)
    Q[1, 2] += 1e-6
    expect_equal(learner.is_orthogonal(Q), False)
    expect_equal(learner.is_orthogonal(Q, 1e-4), True)


@test("exactly at the threshold: the largest entry of MᵀM − I is exactly tol = 0.5, which counts as orthogonal")
def at_threshold():
    M = torch.tensor(
        [[1.0, 0.5], [0.0, 1.0]], dtype=torch.float64
    )  # MᵀM − I = [[0, 0.5], [0.5, 0.25]], exact in binary
    expect_equal(learner.is_orthogonal(M, 0.5), True)
    expect_equal(learner.is_orthogonal(M, 0.4), False)


@test("float32 rotation of R^3 with tol=1e-5 is orthogonal")
def float32():
    expect_equal(learner.is_orthogonal(rotation(3).float(), 1e-5), True)
