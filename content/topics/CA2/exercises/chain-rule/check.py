import torch
from torch.autograd.functional import jacobian
from grader.checks import test, learner, expect_tensor, rand


def ref_layer(W, b, x):
    return jacobian(lambda t: torch.tanh(W @ t + b), x)


@test("compose_jacobians: Jf (m=2, k=5) and Jg (k=5, n=3) give (2, 3)")
def compose_random():
    Jf, Jg = rand(2, 5), rand(5, 3)
    expect_tensor(learner.compose_jacobians(Jf, Jg), torch.einsum("ik,kj->ij", Jf, Jg), dims="(m, n) = (2, 3)")


@test("compose_jacobians: the Jacobians of real functions, g(x) = sin(Ax), f(u) = (u_0 u_1, sum u^2), at a random x")
def compose_real():
    A, x = rand(4, 3), rand(3)
    g = lambda t: torch.sin(A @ t)
    f = lambda u: torch.stack([u[0] * u[1], (u**2).sum()])
    Jg, Jf = jacobian(g, x), jacobian(f, g(x))
    expect_tensor(learner.compose_jacobians(Jf, Jg), jacobian(lambda t: f(g(t)), x), dims="(m, n) = (2, 3)")


@test("tanh_layer_jacobian: the worked example")
def layer_example():
    W = torch.tensor([[1.0, 2.0], [0.0, -1.0]], dtype=torch.float64)
    b, x = torch.zeros(2, dtype=torch.float64), torch.tensor([0.5, 0.0], dtype=torch.float64)
    expect_tensor(learner.tanh_layer_jacobian(W, b, x), ref_layer(W, b, x), dims="(out, in) = (2, 2)")


@test("tanh_layer_jacobian: random W (out=4, in=6), non-zero b, random x")
def layer_random():
    W, b, x = rand(4, 6) / 2, rand(4), rand(6)
    expect_tensor(learner.tanh_layer_jacobian(W, b, x), ref_layer(W, b, x), dims="(out, in) = (4, 6)")


@test("tanh_layer_jacobian: a saturated layer (large pre-activations), out=5, in=3")
def layer_saturated():
    W, b, x = 3 * rand(5, 3), rand(5), rand(3)
    expect_tensor(learner.tanh_layer_jacobian(W, b, x), ref_layer(W, b, x), dims="(out, in) = (5, 3)")
