import torch
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(n, n), the same shape as A"
F64 = dict(dtype=torch.float64)
TOL = dict(rtol=1e-8, atol=1e-10)


def spd(n, low=0.5, high=4.0):
    """A random symmetric positive-definite matrix with eigenvalues spread over [low, high]."""
    Q, _ = torch.linalg.qr(rand(n, n))
    evals = low + (high - low) * torch.rand(n, **F64)
    A = Q @ torch.diag(evals) @ Q.T
    return (A + A.T) / 2


def reference(A, p):
    # Whole powers by repeated multiplication, negative ones through the inverse, others via the
    # matrix logarithm built from the eigen-decomposition: A^p = exp(p log A).
    if float(p).is_integer():
        return torch.linalg.matrix_power(A, int(p))
    evals, Q = torch.linalg.eigh(A)
    log_A = Q @ torch.diag(evals.log()) @ Q.T
    return torch.linalg.matrix_exp(p * log_A)


@test("the worked example: the square root of [[2, 1], [1, 2]]")
def worked_sqrt():
    A = torch.tensor([[2.0, 1.0], [1.0, 2.0]], **F64)
    s, d = (3**0.5 + 1) / 2, (3**0.5 - 1) / 2
    expect_tensor(learner.sym_power(A, 0.5), torch.tensor([[s, d], [d, s]], **F64), dims=DIMS, **TOL)


@test("p = 2 on a random 5 x 5 SPD matrix equals A @ A")
def square():
    A = spd(5)
    expect_tensor(learner.sym_power(A, 2.0), reference(A, 2), dims=DIMS, **TOL)


@test("p = 3 on a random 4 x 4 SPD matrix equals A @ A @ A")
def cube():
    A = spd(4)
    expect_tensor(learner.sym_power(A, 3.0), reference(A, 3), dims=DIMS, **TOL)


@test("p = -1 on a random 6 x 6 SPD matrix is the inverse")
def inverse():
    A = spd(6)
    expect_tensor(learner.sym_power(A, -1.0), torch.linalg.inv(A), dims=DIMS, **TOL)


@test("p = 0 gives the identity (3 x 3)")
def zero():
    A = spd(3)
    expect_tensor(learner.sym_power(A, 0.0), torch.eye(3, **F64), dims=DIMS, **TOL)


@test("p = 0.5 on a random 7 x 7 SPD matrix: a symmetric square root, S @ S == A")
def sqrt():
    A = spd(7)
    S = learner.sym_power(A, 0.5)
    expect_tensor(S, reference(A, 0.5), dims=DIMS, **TOL)
    err = float((S @ S - A).abs().max())
    expect(err <= 1e-9, f"S @ S differs from A by up to {err:.3g}.")


@test("p = -1/3 on a random 5 x 5 SPD matrix (eigenvalues from 0.1 to 10)")
def negative_fraction():
    A = spd(5, low=0.1, high=10.0)
    expect_tensor(learner.sym_power(A, -1.0 / 3.0), reference(A, -1.0 / 3.0), dims=DIMS, **TOL)


@test("float32 input gives a float32 result (p = 0.5, 4 x 4)")
def float32():
    A = spd(4, low=1.0, high=3.0)
    expect_tensor(learner.sym_power(A.float(), 0.5), reference(A, 0.5).float(), dims=DIMS, rtol=1e-4, atol=1e-5)
