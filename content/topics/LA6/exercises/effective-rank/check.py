import torch
from grader.checks import test, learner, expect_equal, rand

F64 = dict(dtype=torch.float64)


def with_singular_values(m, n, s):
    U, _ = torch.linalg.qr(rand(m, len(s)))
    V, _ = torch.linalg.qr(rand(n, len(s)))
    return U @ torch.diag(torch.tensor(s, **F64)) @ V.T


@test("a QK circuit W_Q W_K^T with d_model=10, d_head=3 has effective rank 3")
def qk_circuit():
    W_Q, W_K = rand(10, 3), rand(10, 3)
    expect_equal(learner.effective_rank(W_Q @ W_K.T), 3)


@test("the same kind of matrix scaled by 1e-8 still has effective rank 3 (d_model=11, d_head=3)")
def scaled_down():
    W_Q, W_K = rand(11, 3), rand(11, 3)
    expect_equal(learner.effective_rank(1e-8 * (W_Q @ W_K.T)), 3)


@test("an OV circuit W_V W_O scaled by 1e6 (d_model=9, d_head=2) has effective rank 2")
def scaled_up():
    W_V, W_O = rand(9, 2), rand(2, 9)
    expect_equal(learner.effective_rank(1e6 * (W_V @ W_O)), 2)


@test("a random 6 x 4 matrix has full effective rank 4; its transpose too")
def full_rank():
    A = rand(6, 4)
    expect_equal(learner.effective_rank(A), 4)
    expect_equal(learner.effective_rank(A.T.contiguous()), 4)


@test("rank 2 plus noise of relative size 1e-10 (7 x 5) has effective rank 2")
def noise():
    A = with_singular_values(7, 5, [3.0, 1.0])
    expect_equal(learner.effective_rank(A + 1e-10 * rand(7, 5)), 2)


@test("singular values 1, 1e-4, 1e-9 (8 x 6): 2 with the default rel_tol, 1 with rel_tol=1e-3")
def spectrum():
    A = with_singular_values(8, 6, [1.0, 1e-4, 1e-9])
    expect_equal(learner.effective_rank(A), 2)
    expect_equal(learner.effective_rank(A, 1e-3), 1)


@test("a singular value exactly at the threshold does not count: diag(2, 1, 0) with rel_tol=0.5 has 1")
def at_threshold():
    A = torch.tensor([[2.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.0, 0.0, 0.0]], **F64)  # singular values 2, 1, 0 exactly
    expect_equal(learner.effective_rank(A, rel_tol=0.5), 1)
    expect_equal(learner.effective_rank(A, rel_tol=0.49), 2)


@test("the zero matrix (3 x 5) has effective rank 0")
def zero():
    expect_equal(learner.effective_rank(torch.zeros(3, 5, **F64)), 0)
