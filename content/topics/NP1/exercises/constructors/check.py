import torch
from grader.checks import test, learner, expect_tensor

# Independent references: explicit loops over indices.


def ref_basis(n, i):
    return torch.tensor([1.0 if k == i else 0.0 for k in range(n)], dtype=torch.float32)


def ref_range(rows, cols, start):
    return torch.tensor([[start + r * cols + c for c in range(cols)] for r in range(rows)], dtype=torch.int64)


def ref_border(h, w):
    return torch.tensor(
        [[1.0 if r in (0, h - 1) or c in (0, w - 1) else 0.0 for c in range(w)] for r in range(h)], dtype=torch.float32
    )


def ref_below(v):
    n = v.shape[0]
    out = torch.zeros(n + 1, n + 1, dtype=v.dtype)
    for i in range(n):
        out[i + 1, i] = v[i]
    return out


def ref_checker(h, w):
    return torch.tensor([[(r + c) % 2 for c in range(w)] for r in range(h)], dtype=torch.int64)


@test("basis_vector(6, 4) is the worked example; also n=9, i=0 and n=5, i=4 (last)")
def basis():
    for n, i in [(6, 4), (9, 0), (5, 4)]:
        expect_tensor(learner.basis_vector(n, i), ref_basis(n, i), dims="(n,)")


@test("range_matrix(2, 3, 10) is the worked example; also (4, 7, -3) and (5, 1, 0)")
def ranges():
    for rows, cols, start in [(2, 3, 10), (4, 7, -3), (5, 1, 0)]:
        expect_tensor(learner.range_matrix(rows, cols, start), ref_range(rows, cols, start), dims="(rows, cols)")


@test("border for (3, 4), (6, 5), (1, 4) and (2, 7)")
def borders():
    for h, w in [(3, 4), (6, 5), (1, 4), (2, 7)]:
        expect_tensor(learner.border(h, w), ref_border(h, w), dims="(h, w)")


@test("below_diagonal: int64 [1, 2, 3], random float64 of length 5, and length 1")
def below():
    cases = [torch.tensor([1, 2, 3]), torch.randn(5, dtype=torch.float64), torch.tensor([2.5])]
    for v in cases:
        expect_tensor(learner.below_diagonal(v), ref_below(v), dims="(n + 1, n + 1)")


@test("checkerboard for (2, 3), (8, 8), (5, 6) and (1, 1); top-left 0")
def checker():
    for h, w in [(2, 3), (8, 8), (5, 6), (1, 1)]:
        expect_tensor(learner.checkerboard(h, w), ref_checker(h, w), dims="(h, w)")
