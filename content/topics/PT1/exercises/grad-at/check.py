import torch
from grader.checks import test, learner, expect_tensor, rand, remote


@remote
def cubic(x):
    return (x ** 3).sum()


@remote
def x_sin_x(x):
    import torch
    return (x * torch.sin(x)).sum()


@remote
def log_sum_exp(x):
    import torch
    return torch.logsumexp(x, dim=0)


@remote
def sum_sq_times_sum(m):
    return (m ** 2).sum() * m.sum()


# Independent references: the gradients written out by hand.
def d_cubic(x):
    return 3 * x ** 2


def d_x_sin_x(x):
    return torch.sin(x) + x * torch.cos(x)


def d_log_sum_exp(x):
    e = torch.exp(x - x.max())
    return e / e.sum()


def d_sum_sq_times_sum(m):
    return 2 * m * m.sum() + (m ** 2).sum()


@test("f(x) = sum(x^3) at a random float64 x of length 5: gradient 3x^2")
def cubic_vector():
    x = rand(5)
    expect_tensor(learner.grad_at(cubic, x), d_cubic(x), dims="(5,), like x")


@test("f(x) = sum(x sin x), x used twice, at the worked example x = (2, 0.5)")
def reuse_example():
    x = torch.tensor([2.0, 0.5], dtype=torch.float64)
    expect_tensor(learner.grad_at(x_sin_x, x), d_x_sin_x(x), dims="(2,), like x")


@test("f(x) = x sin x at a 0-dimensional x = 1.3 (the gradient is 0-dimensional too)")
def reuse_scalar():
    x = torch.tensor(1.3, dtype=torch.float64)
    expect_tensor(learner.grad_at(x_sin_x, x), d_x_sin_x(x), dims="() like x")


@test("f(x) = logsumexp(x) at a random float64 x of length 7: gradient softmax(x)")
def lse():
    x = rand(7, scale=3.0)
    expect_tensor(learner.grad_at(log_sum_exp, x), d_log_sum_exp(x), dims="(7,), like x")


@test("f(M) = sum(M^2) * sum(M) at a transposed (non-contiguous) float64 M of shape (3, 4)")
def matrix_transposed():
    m = rand(4, 3).T
    expect_tensor(learner.grad_at(sum_sq_times_sum, m), d_sum_sq_times_sum(m), dims="(3, 4), like M")


@test("float32 in, float32 out: sum(x^3) at a random float32 x of shape (2, 3)")
def float32_input():
    x = rand(2, 3, dtype=torch.float32)
    expect_tensor(learner.grad_at(cubic, x), d_cubic(x), dims="(2, 3), like x")
