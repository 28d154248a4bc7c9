import torch
import torch.nn.functional as F
from grader.checks import test, learner, expect_tensor, rand

SCALAR = "a 0-dimensional tensor (a scalar)"


def reference(p, y):
    return F.binary_cross_entropy(p, y, reduction="mean")


def probs(*shape, dtype=torch.float64):
    return torch.sigmoid(2 * rand(*shape, dtype=dtype))


def labels(*shape, dtype=torch.float64):
    return torch.randint(0, 2, shape).to(dtype)


@test("the worked example: p = (0.9, 0.2, 0.6), y = (1, 0, 0) gives 0.4149")
def worked_example():
    p = torch.tensor([0.9, 0.2, 0.6], dtype=torch.float64)
    y = torch.tensor([1.0, 0.0, 0.0], dtype=torch.float64)
    expect_tensor(learner.bernoulli_nll(p, y), reference(p, y), dims=SCALAR)


@test("30 random predictions with random 0/1 labels")
def random_labels():
    p, y = probs(30), labels(30)
    expect_tensor(learner.bernoulli_nll(p, y), reference(p, y), dims=SCALAR)


@test("all labels 0: only the log(1 - p) term counts (n = 12)")
def all_zero():
    p, y = probs(12), torch.zeros(12, dtype=torch.float64)
    expect_tensor(learner.bernoulli_nll(p, y), reference(p, y), dims=SCALAR)


@test("a (4, 7) batch: the mean is over all 28 entries")
def two_dims():
    p, y = probs(4, 7), labels(4, 7)
    expect_tensor(learner.bernoulli_nll(p, y), reference(p, y), dims=SCALAR)


@test("soft labels in [0, 1] (n = 9)")
def soft_labels():
    p, y = probs(9), torch.rand(9, dtype=torch.float64)
    expect_tensor(learner.bernoulli_nll(p, y), reference(p, y), dims=SCALAR)


@test("confident predictions: p as close to 0 or 1 as 1e-9 (right and wrong)")
def confident():
    p = torch.tensor([1e-9, 1 - 1e-9, 1e-6, 0.999999, 0.5], dtype=torch.float64)
    y = torch.tensor([0.0, 1.0, 1.0, 0.0, 1.0], dtype=torch.float64)
    expect_tensor(learner.bernoulli_nll(p, y), reference(p, y), rtol=1e-7, dims=SCALAR)


@test("float32 inputs give a float32 result (n = 16)")
def float32():
    p, y = probs(16, dtype=torch.float32), labels(16, dtype=torch.float32)
    expect_tensor(learner.bernoulli_nll(p, y), reference(p, y), dims=SCALAR)
