import torch
from grader.checks import test, learner, expect_tensor, rand


def reference(x, dim, correction):
    # The second-moment formula on a centred copy, via a moved axis: independent of the usual route.
    moved = x.movedim(dim, -1)
    n = moved.shape[-1]
    centred = moved - moved.sum(-1, keepdim=True) / n
    return torch.sqrt(torch.einsum("...i,...i->...", centred, centred) / (n - correction))


def check(x, dim, correction, dims):
    expect_tensor(learner.std(x, dim, correction), reference(x, dim, correction), dims=dims)


@test("the worked example: 2, 4, 4, 4, 5, 5, 7, 9 with correction 0 (std 2) and 1")
def worked_example():
    x = torch.tensor([[2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]], dtype=torch.float64)
    check(x, -1, 0, "(1,)")
    check(x, 1, 1, "(1,)")


@test("shape (3, 4, 5), dim=-1, correction=1")
def last_dim():
    check(3 + 2 * rand(3, 4, 5), -1, 1, "(3, 4), the shape of x without axis -1")


@test("shape (3, 4, 5), dim=0, correction=0")
def first_dim():
    check(3 + 2 * rand(3, 4, 5), 0, 0, "(4, 5), the shape of x without axis 0")


@test("shape (3, 4, 5), dim=1 and dim=-2, correction=1 (a middle axis, positive and negative)")
def middle_dim():
    x = rand(3, 4, 5) * 5 - 1
    check(x, 1, 1, "(3, 5), the shape of x without axis 1")
    check(x, -2, 1, "(3, 5), the shape of x without axis -2")


@test("correction=0 and correction=1 differ by sqrt(n / (n - 1)) (shape (6, 2), dim=0)")
def both_corrections():
    x = rand(6, 2)
    check(x, 0, 0, "(2,)")
    check(x, 0, 1, "(2,)")


@test("any correction, passed by keyword: correction=2 and correction=3 on shape (4, 8), dim=1")
def other_corrections():
    x = rand(4, 8) * 2
    for c in (2, 3):
        expect_tensor(learner.std(x, dim=1, correction=c), reference(x, 1, c), dims="(4,)")


@test("values far from 0 (1000 + noise), shape (7, 3), dim=0")
def large_offset():
    check(1000 + rand(7, 3), 0, 1, "(3,)")


@test("float32 input gives a float32 result, shape (2, 9), dim=1")
def float32():
    x = rand(2, 9, dtype=torch.float32)
    expect_tensor(learner.std(x, 1, 1), reference(x.double(), 1, 1).float(), dims="(2,)")
