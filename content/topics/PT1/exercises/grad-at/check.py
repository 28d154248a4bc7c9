import torch
from grader.checks import test, learner, expect, expect_tensor, rand, remote


@remote
def cubic(x):
    return (x**3).sum()


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
    return (m**2).sum() * m.sum()


# Independent references: the gradients written out by hand.
def d_cubic(x):
    return 3 * x**2


def d_x_sin_x(x):
    return torch.sin(x) + x * torch.cos(x)


def d_log_sum_exp(x):
    e = torch.exp(x - x.max())
    return e / e.sum()


def d_sum_sq_times_sum(m):
    return 2 * m * m.sum() + (m**2).sum()


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


@remote
def twice_on_a_leaf_that_requires_grad(f, x):
    # Runs in the learner's process: x is a caller's leaf that already requires grad.
    import torch

    x = x.detach().clone().requires_grad_(True)
    first = grad_at(f, x)
    first = None if first is None else first.detach().clone()
    second = grad_at(f, x)
    second = None if second is None else second.detach().clone()
    grad_mode = torch.is_grad_enabled()
    torch.set_grad_enabled(True)  # undo a leak here, so it cannot spread to what runs next
    return first, second, x.grad is None, grad_mode


@test("called twice on an x that already requires grad: the same answer, and x keeps no .grad")
def twice_on_leaf():
    x = rand(4)
    first, second, no_grad_left, grad_mode = learner.run(twice_on_a_leaf_that_requires_grad, cubic, x)
    expect(
        first is not None,
        "grad_at returned None for an x that already requires grad: x.clone() of such a tensor "
        "is not a leaf, so its .grad stays None. Detach first: x.detach().clone().requires_grad_(True).",
    )
    expect_tensor(first, d_cubic(x), name="the first call's gradient", dims="(4,), like x")
    expect(second is not None, "The second call returned None.")
    expect_tensor(
        second, d_cubic(x), name="the second call's gradient (it must not add to the first)", dims="(4,), like x"
    )
    expect(
        no_grad_left,
        "After grad_at, the caller's x holds a .grad: you called backward on x itself, so gradients "
        "pile up across calls. Work on a detached copy.",
    )
    expect(
        grad_mode,
        "Gradient tracking was left switched off after grad_at returned: don't call "
        "torch.set_grad_enabled(False) (use `with torch.no_grad():` if you need it, which restores it).",
    )


@remote
def leaves_x_alone(f, x):
    grad_at(f, x)
    return x.requires_grad, x.grad is None


@test("x itself keeps requires_grad False and no .grad (work on a copy)")
def input_flags_untouched():
    requires_grad, no_grad = learner.run(leaves_x_alone, x_sin_x, rand(3))
    expect(
        not requires_grad,
        "grad_at switched on requires_grad of the caller's x: call requires_grad_ on a detached copy, not on x.",
    )
    expect(no_grad, "grad_at left a .grad on the caller's x: backpropagate into a copy.")
