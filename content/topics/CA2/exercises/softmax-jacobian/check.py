import math

import torch
from torch.autograd.functional import jacobian
from grader.checks import test, learner, expect_tensor, rand


def reference(x):
    return jacobian(lambda t: torch.softmax(t, dim=0), x)


@test("the worked example: logits log(0.5, 0.3, 0.2), so s = (0.5, 0.3, 0.2)")
def worked_example():
    x = torch.tensor([math.log(0.5), math.log(0.3), math.log(0.2)], dtype=torch.float64)
    expect_tensor(learner.softmax_jacobian(x), reference(x), dims="(n, n) = (3, 3)")


@test("random logits, n = 6")
def random6():
    x = 2 * rand(6)
    expect_tensor(learner.softmax_jacobian(x), reference(x), dims="(n, n) = (6, 6)")


@test("one dominant logit (a nearly one-hot softmax), n = 4")
def peaked():
    x = torch.tensor([8.0, 0.0, -1.0, 0.5], dtype=torch.float64)
    expect_tensor(learner.softmax_jacobian(x), reference(x), dims="(n, n) = (4, 4)")


@test("logits around 1000, n = 5 (softmax must be computed stably)")
def huge():
    x = 1000 + rand(5)
    expect_tensor(learner.softmax_jacobian(x), reference(x), dims="(n, n) = (5, 5)")


@test("a single logit, n = 1: the Jacobian is [[0]]")
def single():
    x = torch.tensor([0.7], dtype=torch.float64)
    expect_tensor(learner.softmax_jacobian(x), reference(x), dims="(1, 1)")
