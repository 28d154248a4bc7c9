import torch
from grader.checks import test, learner, expect_tensor, rand

DIMS = "(batch, m): one output row per input row"


def ref_rows(X, A):
    # Row by row, straight from y = A x, with explicit sums.
    return torch.stack([(A * x[None, :]).sum(-1) for x in X])


def ref_weight(X, W):
    return torch.stack([(W * x[:, None]).sum(0) for x in X])


@test("apply_to_rows: square map (n = m = 4) with batch=6, where a missing transpose still fits")
def rows_square():
    X, A = rand(6, 4), rand(4, 4)
    expect_tensor(learner.apply_to_rows(X, A), ref_rows(X, A), dims=DIMS)


@test("apply_to_rows: the worked example, f(x, y, z) = (x + 2z, 3y - z)")
def rows_example():
    A = torch.tensor([[1.0, 0.0, 2.0], [0.0, 3.0, -1.0]], dtype=torch.float64)
    X = torch.tensor([[1.0, 1.0, 1.0], [1.0, 0.0, 0.0]], dtype=torch.float64)
    expect_tensor(learner.apply_to_rows(X, A), ref_rows(X, A), dims=DIMS)


@test("apply_to_rows: random float64, batch=5, n=3, m=7")
def rows_random():
    X, A = rand(5, 3), rand(7, 3)
    expect_tensor(learner.apply_to_rows(X, A), ref_rows(X, A), dims=DIMS)


@test("apply_weight: square weight (n = m = 5), batch=3")
def weight_square():
    X, W = rand(3, 5), rand(5, 5)
    expect_tensor(learner.apply_weight(X, W), ref_weight(X, W), dims=DIMS)


@test("apply_weight: random float64, batch=4, n=6, m=2")
def weight_random():
    X, W = rand(4, 6), rand(6, 2)
    expect_tensor(learner.apply_weight(X, W), ref_weight(X, W), dims=DIMS)


@test("the two storage conventions agree: apply_weight(X, A.T) == apply_to_rows(X, A) (batch=2, n=5, m=3)")
def conventions_agree():
    X, A = rand(2, 5), rand(3, 5)
    expected = ref_rows(X, A)
    expect_tensor(learner.apply_to_rows(X, A), expected, dims=DIMS)
    expect_tensor(learner.apply_weight(X, A.T.contiguous()), expected, dims=DIMS)
