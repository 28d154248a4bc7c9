import torch
from grader.checks import test, learner, expect_tensor, rand, remote


@remote
def cubic(x):
    return (x**3).sum()


@remote
def exp_sin(x):
    import torch

    return (torch.exp(0.5 * x) * torch.sin(2 * x)).sum()


@remote
def product_of_entries(x):
    import torch

    return torch.prod(x.reshape(-1)[:4]) + (x**2).mean()


@remote
def quadratic_form(x):
    import torch

    a = torch.arange(x.numel() ** 2, dtype=x.dtype).reshape(x.numel(), x.numel()).sin()  # not symmetric
    v = x.reshape(-1)
    return v @ a @ v


def autograd_grad(f, x):
    x = x.detach().clone().requires_grad_(True)
    (g,) = torch.autograd.grad(f(x), x)
    return g


def check(f, x, dims, h=None):
    args = (f, x) if h is None else (f, x, h)
    expect_tensor(learner.numerical_grad(*args), autograd_grad(f, x), rtol=1e-6, atol=1e-7, dims=dims)


@test("f(x) = sum(x^3) on a vector of 5 (gradient 3x^2)")
def cubic_vector():
    check(cubic, rand(5), "(5,), the shape of x")


@test("f(x) = sum(exp(x/2) sin(2x)) on a (3, 4) matrix")
def exp_sin_matrix():
    check(exp_sin, rand(3, 4), "(3, 4), the shape of x")


@test("f mixes entries: a product of four entries plus a mean of squares, x of shape (2, 3)")
def mixing():
    check(product_of_entries, 1 + rand(2, 3), "(2, 3), the shape of x")


@test("f(x) = v^T A v for a non-symmetric A, v = x flattened, x of shape (2, 2, 2)")
def quadratic():
    check(quadratic_form, rand(2, 2, 2), "(2, 2, 2), the shape of x")


@test("the step h is an argument: h = 1e-4 on sum(x^3), x of shape (4,)")
def custom_h():
    x = rand(4)
    expect_tensor(
        learner.numerical_grad(cubic, x, 1e-4),
        autograd_grad(cubic, x),
        rtol=1e-6,
        atol=1e-6,
        dims="(4,), the shape of x",
    )


@test("the step h is used as given: h = 0.1 by keyword on sum(x^3), where the central difference is 3x^2 + h^2")
def large_h():
    x, h = rand(3), 0.1
    # (f(x + h) - f(x - h)) / 2h for a cube is exactly 3x^2 + h^2: a function that ignores h lands on 3x^2.
    got = learner.numerical_grad(cubic, x, h=h)
    expect_tensor(got, 3 * x**2 + h**2, rtol=1e-9, atol=1e-9, dims="(3,), the shape of x")
