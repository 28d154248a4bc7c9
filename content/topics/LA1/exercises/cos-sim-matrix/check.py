import torch
from grader.checks import test, learner, expect_tensor, expect, rand

DIMS = "(n, n): one row and one column per input vector"


def reference(X):
    # Entry by entry from the definition, with explicit sums (no matrix products).
    dots = (X[:, None, :] * X[None, :, :]).sum(-1)
    lengths = (X * X).sum(-1).sqrt()
    return dots / (lengths[:, None] * lengths[None, :])


@test("the worked example: rows (3, 4), (2, 1), (-6, -8)")
def worked_example():
    X = torch.tensor([[3.0, 4.0], [2.0, 1.0], [-6.0, -8.0]], dtype=torch.float64)
    expect_tensor(learner.cos_sim_matrix(X), reference(X), dims=DIMS)


@test("random float64, n=5 vectors of dimension d=7")
def random_tall():
    X = rand(5, 7)
    expect_tensor(learner.cos_sim_matrix(X), reference(X), dims=DIMS)


@test("rows of very different lengths (scales 1e-3 to 1e3), n=6, d=4")
def different_lengths():
    X = rand(6, 4) * torch.tensor([1e-3, 1.0, 1e3, 0.5, 20.0, 3e-2], dtype=torch.float64)[:, None]
    expect_tensor(learner.cos_sim_matrix(X), reference(X), dims=DIMS)


@test("square input (n = d = 5): rows, not columns, are the vectors")
def square():
    X = rand(5, 5) * torch.tensor([1.0, 4.0, 0.2, 9.0, 2.5], dtype=torch.float64)[:, None]
    expect_tensor(learner.cos_sim_matrix(X), reference(X), dims=DIMS)


@test("symmetric, ones on the diagonal, unchanged when rows are rescaled (n=4, d=9)")
def properties():
    X = rand(4, 9)
    S = learner.cos_sim_matrix(X)
    expect_tensor(S, reference(X), dims=DIMS)
    expect(torch.allclose(S, S.T, rtol=0, atol=1e-12), "Your matrix is not symmetric: S[i, j] must equal S[j, i].")
    scaled = X * torch.tensor([2.0, 0.1, 7.0, 3.0], dtype=torch.float64)[:, None]
    expect_tensor(learner.cos_sim_matrix(scaled), reference(X), dims=DIMS)


@test("a non-contiguous input: the transpose of a (6, 4) tensor, so n=4, d=6")
def transposed_view():
    X = rand(6, 4).T
    expect_tensor(learner.cos_sim_matrix(X), reference(X.contiguous()), dims=DIMS)


@test("float32 input gives a float32 result (n=3, d=8)")
def float32():
    X = rand(3, 8, dtype=torch.float32)
    expect_tensor(learner.cos_sim_matrix(X), reference(X.double()).float(), dims=DIMS)
