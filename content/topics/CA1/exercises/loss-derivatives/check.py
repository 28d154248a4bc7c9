import torch
import torch.nn.functional as F
from grader.checks import test, learner, expect_tensor, rand


def autograd_of(loss, first, y):
    first = first.detach().clone().requires_grad_(True)
    (grad,) = torch.autograd.grad(loss(first, y), first)
    return grad


def mse(x, y):
    return (0.5 * (x - y) ** 2).mean()


def bce(p, y):
    return F.binary_cross_entropy(p, y)


def sigmoid_bce(z, y):
    return F.binary_cross_entropy_with_logits(z, y)


def labels(*shape):
    return torch.randint(0, 2, shape).double()


@test("dmse: random (3, 5) predictions and targets (N = 15)")
def mse_random():
    x, y = rand(3, 5), rand(3, 5)
    expect_tensor(learner.dmse(x, y), autograd_of(mse, x, y), dims="(3, 5), the shape of x")


@test("dmse: the worked example, x = (0.5, 2), y = (1, 0) gives (-0.25, 1)")
def mse_example():
    x, y = torch.tensor([0.5, 2.0], dtype=torch.float64), torch.tensor([1.0, 0.0], dtype=torch.float64)
    expect_tensor(learner.dmse(x, y), autograd_of(mse, x, y), dims="(2,), the shape of x")


@test("dbce: the worked example, p = (0.8, 0.25), y = (1, 0)")
def bce_example():
    p, y = torch.tensor([0.8, 0.25], dtype=torch.float64), torch.tensor([1.0, 0.0], dtype=torch.float64)
    expect_tensor(learner.dbce(p, y), autograd_of(bce, p, y), dims="(2,), the shape of p")


@test("dbce: random probabilities and 0/1 labels, shape (4, 6)")
def bce_random():
    p, y = torch.sigmoid(2 * rand(4, 6)), labels(4, 6)
    expect_tensor(learner.dbce(p, y), autograd_of(bce, p, y), dims="(4, 6), the shape of p")


@test("dbce: soft labels in [0, 1], shape (7,)")
def bce_soft():
    p, y = torch.sigmoid(rand(7)), torch.rand(7, dtype=torch.float64)
    expect_tensor(learner.dbce(p, y), autograd_of(bce, p, y), dims="(7,), the shape of p")


@test("dsigmoid_bce: the worked example, z = (0, 0), y = (1, 0) gives (-0.25, 0.25)")
def sbce_example():
    z, y = torch.zeros(2, dtype=torch.float64), torch.tensor([1.0, 0.0], dtype=torch.float64)
    expect_tensor(learner.dsigmoid_bce(z, y), autograd_of(sigmoid_bce, z, y), dims="(2,), the shape of z")


@test("dsigmoid_bce: random logits (up to about +-9) and labels, shape (5, 3)")
def sbce_random():
    z, y = 3 * rand(5, 3), labels(5, 3)
    expect_tensor(learner.dsigmoid_bce(z, y), autograd_of(sigmoid_bce, z, y), dims="(5, 3), the shape of z")
