import torch
from grader.checks import test, learner, expect_tensor, rand


# Independent references: plain torch, no einsum.
def ref_bmm(a, b):
    return torch.bmm(a, b)


def ref_trace(m):
    return m.diagonal().sum()


def ref_outer(u, v):
    return u[:, None] * v[None, :]


@test("batched_mm: random float64, batch=2, n=3, k=4, m=5")
def bmm_random():
    a, b = rand(2, 3, 4), rand(2, 4, 5)
    expect_tensor(learner.batched_mm(a, b), ref_bmm(a, b), dims="(batch, n, m)")


@test("batched_mm: each batch element has its own product (batch=4, n=5, k=3, m=2)")
def bmm_batches_differ():
    a, b = rand(4, 5, 3), rand(4, 3, 2)
    expect_tensor(learner.batched_mm(a, b), ref_bmm(a, b), dims="(batch, n, m)")


@test("batched_mm: integer inputs give exact integer results")
def bmm_integer():
    a = torch.randint(-5, 6, (3, 2, 6))
    b = torch.randint(-5, 6, (3, 6, 4))
    expect_tensor(learner.batched_mm(a, b), ref_bmm(a, b), dims="(batch, n, m)")


@test("trace: random float64 (5, 5) matrix, result is 0-dimensional")
def trace_random():
    m = rand(5, 5)
    expect_tensor(learner.trace(m), ref_trace(m), dims="a 0-dimensional tensor (a scalar)")


@test("trace: integer matrix, exact")
def trace_integer():
    m = torch.randint(-9, 10, (7, 7))
    expect_tensor(learner.trace(m), ref_trace(m), dims="a 0-dimensional tensor (a scalar)")


@test("trace: arange(16).reshape(4, 4) has trace 0 + 5 + 10 + 15 = 30")
def trace_known():
    m = torch.arange(16).reshape(4, 4)
    expect_tensor(learner.trace(m), torch.tensor(30), dims="a 0-dimensional tensor (a scalar)")


@test("outer: random float64, u of length 3 and v of length 5")
def outer_random():
    u, v = rand(3), rand(5)
    expect_tensor(learner.outer(u, v), ref_outer(u, v), dims="(len(u), len(v))")


@test("outer: integer vectors of lengths 6 and 2, exact")
def outer_integer():
    u, v = torch.randint(-9, 10, (6,)), torch.randint(-9, 10, (2,))
    expect_tensor(learner.outer(u, v), ref_outer(u, v), dims="(len(u), len(v))")
