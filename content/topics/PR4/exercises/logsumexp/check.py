import torch
from grader.checks import test, learner, expect_tensor, rand

NEG_INF = float("-inf")


def reference(x, dim):
    return torch.logsumexp(x, dim=dim)


def check(x, dim, dims):
    expect_tensor(learner.logsumexp(x, dim), reference(x, dim), dims=dims)


@test("the worked example: rows (1000, 999, 998) and (2, 1, 0)")
def worked_example():
    x = torch.tensor([[1000.0, 999.0, 998.0], [2.0, 1.0, 0.0]], dtype=torch.float64)
    check(x, -1, "(2,)")


@test("random float64 logits, shape (3, 4, 5), dim = -1")
def random_last():
    check(3 * rand(3, 4, 5), -1, "(3, 4), x without its last axis")


@test("random float64 logits, shape (3, 4, 5), dim = 1 and dim = 0")
def random_other_dims():
    x = 3 * rand(3, 4, 5)
    check(x, 1, "(3, 5), x without axis 1")
    check(x, 0, "(4, 5), x without axis 0")


@test("huge logits: rows around +1000 and around -1000 (shape (4, 6))")
def huge():
    x = rand(4, 6)
    x[0] += 1000
    x[1] -= 1000
    x[2] = x[2] * 400
    check(x, -1, "(4,)")


@test("masked logits: rows containing -inf entries (shape (3, 7))")
def some_neg_inf():
    x = rand(3, 7) * 2
    x[0, [1, 3]] = NEG_INF
    x[1, :6] = NEG_INF
    x[2, 0] = NEG_INF
    check(x, -1, "(3,)")


@test("a fully masked row: every entry -inf gives -inf, not NaN (shape (3, 5))")
def all_neg_inf():
    x = rand(3, 5)
    x[1] = NEG_INF
    check(x, -1, "(3,)")


@test("float32: logits around 100 (e^100 overflows float32), shape (2, 9)")
def float32():
    x = rand(2, 9, dtype=torch.float32) + 100
    check(x, -1, "(2,)")
