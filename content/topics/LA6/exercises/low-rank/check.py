import torch
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(m, n), the same shape as A"
F64 = dict(dtype=torch.float64)
TOL = dict(rtol=1e-9, atol=1e-10)


def with_singular_values(m, n, s):
    """An (m, n) matrix with prescribed, well separated singular values s (so the answer is unique)."""
    U, _ = torch.linalg.qr(rand(m, len(s)))
    V, _ = torch.linalg.qr(rand(n, len(s)))
    return U @ torch.diag(torch.tensor(s, **F64)) @ V.T


def reference(A, k):
    # Through the eigen-decomposition of A^T A (v_i, sigma_i^2), then A_k = A (V_k V_k^T):
    # projecting the rows of A onto the top-k right singular vectors.
    evals, V = torch.linalg.eigh(A.T @ A)
    Vk = V[:, -k:] if k > 0 else V[:, :0]
    return A @ Vk @ Vk.T


def check_eckart_young(A, k, Ak):
    s = torch.linalg.svdvals(A)
    s_out = torch.linalg.svdvals(Ak)
    if k < len(s_out):
        extra = float(s_out[k])
        expect(
            extra <= 1e-10 * float(s[0]),
            f"Your result has rank more than k={k}: its singular value number {k + 1} is {extra:.3g}.",
        )
    err, best = float((A - Ak).norm()), float(s[k:].square().sum().sqrt())
    expect(
        abs(err - best) <= 1e-9 * max(best, 1e-12 * float(s[0])),
        f"‖A − A_k‖_F = {err:.10g}, but the best possible for rank {k} is {best:.10g} (the tail singular values).",
    )


@test("a tall 7 x 5 matrix, k = 2 (singular values 9, 5, 3, 2, 1)")
def tall():
    A = with_singular_values(7, 5, [9.0, 5.0, 3.0, 2.0, 1.0])
    Ak = learner.low_rank(A, 2)
    expect_tensor(Ak, reference(A, 2), dims=DIMS, **TOL)
    check_eckart_young(A, 2, Ak)


@test("the worked example: [[3, 0], [4, 5]] with k = 1")
def worked_example():
    A = torch.tensor([[3.0, 0.0], [4.0, 5.0]], **F64)
    expect_tensor(learner.low_rank(A, 1), torch.tensor([[1.5, 1.5], [4.5, 4.5]], **F64), dims=DIMS, **TOL)


@test("a wide 4 x 9 matrix, k = 3")
def wide():
    A = with_singular_values(4, 9, [6.0, 4.0, 2.5, 0.7])
    Ak = learner.low_rank(A, 3)
    expect_tensor(Ak, reference(A, 3), dims=DIMS, **TOL)
    check_eckart_young(A, 3, Ak)


@test("a random Gaussian 8 x 6 matrix, k = 4")
def gaussian():
    while True:  # a Gaussian matrix, redrawn in the rare case that sigma_4 and sigma_5 nearly tie
        A = rand(8, 6)
        s = torch.linalg.svdvals(A)
        if s[3] - s[4] > 0.05 * s[0]:
            break
    Ak = learner.low_rank(A, 4)
    expect_tensor(Ak, reference(A, 4), dims=DIMS, rtol=1e-8, atol=1e-9)
    check_eckart_young(A, 4, Ak)


@test("k = min(m, n) gives back A (5 x 3, k = 3); k = 0 gives zeros")
def extremes():
    A = with_singular_values(5, 3, [3.0, 2.0, 1.0])
    expect_tensor(learner.low_rank(A, 3), A.clone(), dims=DIMS, **TOL)
    expect_tensor(learner.low_rank(A, 0), torch.zeros(5, 3, **F64), dims=DIMS, atol=1e-12)


@test("a non-contiguous A (a transposed view of a 9 x 5 matrix), k = 2")
def transposed_view():
    A = with_singular_values(9, 5, [4.0, 3.0, 1.0, 0.5, 0.25]).T
    Ak = learner.low_rank(A, 2)
    expect_tensor(Ak, reference(A.contiguous(), 2), dims=DIMS, **TOL)


@test("float32 input gives a float32 result (6 x 10, k = 2)")
def float32():
    A = with_singular_values(6, 10, [5.0, 3.0, 1.0, 0.5, 0.2, 0.1])
    expect_tensor(learner.low_rank(A.float(), 2), reference(A, 2).float(), dims=DIMS, rtol=1e-4)
