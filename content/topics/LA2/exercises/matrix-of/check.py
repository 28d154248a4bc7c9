import torch
from grader.checks import test, learner, expect_tensor, expect, rand, remote

DIMS = "(m, n): one column per input coordinate, one row per output coordinate"
F64 = dict(dtype=torch.float64)


# The maps handed to the learner. Each is written for ONE vector of shape (n,).
@remote
def mix(v):
    import torch

    return torch.stack([v[0] + 2 * v[2], v.sum(), 3 * v[1] - v[3]])


@remote
def running_sum(v):
    return v.cumsum(0)


@remote
def reverse(v):
    return v.flip(0)


@remote
def differences(v):
    return v[1:] - v[:-1]


@remote
def hidden_3x6(v):
    import torch

    g = torch.Generator().manual_seed(20240611)
    return torch.randn(3, 6, generator=g, dtype=torch.float64) @ v


@remote
def hidden_7x2(v):
    import torch

    g = torch.Generator().manual_seed(7)
    return torch.randn(7, 2, generator=g, dtype=torch.float64) @ v


def hidden_matrix(seed, m, n):
    return torch.randn(m, n, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


@test("a map R^4 -> R^3 given by a formula: (x0 + 2 x2, x0 + x1 + x2 + x3, 3 x1 - x3)")
def formula():
    expected = torch.tensor([[1, 0, 2, 0], [1, 1, 1, 1], [0, 3, 0, -1]], **F64)
    expect_tensor(learner.matrix_of(mix, 4), expected, dims=DIMS)


@test("running sums on R^5 (a lower-triangular matrix of ones)")
def cumsum_map():
    expect_tensor(learner.matrix_of(running_sum, 5), torch.ones(5, 5, **F64).tril(), dims=DIMS)


@test("reversing the order of R^4 (ones on the anti-diagonal)")
def reverse_map():
    expect_tensor(learner.matrix_of(reverse, 4), torch.eye(4, **F64).flip(1), dims=DIMS)


@test("differences of neighbours, R^6 -> R^5")
def differences_map():
    expected = torch.eye(6, **F64)[1:] - torch.eye(6, **F64)[:-1]
    expect_tensor(learner.matrix_of(differences, 6), expected, dims=DIMS)


@test("a hidden random 3 x 6 matrix")
def hidden_wide():
    expect_tensor(learner.matrix_of(hidden_3x6, 6), hidden_matrix(20240611, 3, 6), dims=DIMS, rtol=0, atol=1e-12)


@test("a hidden random 7 x 2 matrix, and the result reproduces f on random vectors")
def hidden_tall():
    A = learner.matrix_of(hidden_7x2, 2)
    expect_tensor(A, hidden_matrix(7, 7, 2), dims=DIMS, rtol=0, atol=1e-12)
    for _ in range(3):
        x = rand(2)
        expect(
            torch.allclose(A @ x, hidden_7x2(x), rtol=0, atol=1e-12), "Your matrix times a random x differs from f(x)."
        )
