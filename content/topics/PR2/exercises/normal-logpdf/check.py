import torch
from grader.checks import test, learner, expect_tensor, rand


def reference(x, mu, sigma):
    return torch.distributions.Normal(mu, sigma, validate_args=False).log_prob(x)


def positive(*shape, dtype=torch.float64):
    return 0.3 + 2 * torch.rand(*shape, dtype=dtype)


@test("the worked example: mu = 1, sigma = 2, x = 4 (and x = 1, x = -3)")
def worked_example():
    x = torch.tensor([4.0, 1.0, -3.0], dtype=torch.float64)
    mu, sigma = torch.tensor(1.0, dtype=torch.float64), torch.tensor(2.0, dtype=torch.float64)
    expect_tensor(learner.normal_logpdf(x, mu, sigma), reference(x, mu, sigma), dims="(3,)")


@test("random x, mu and sigma of the same shape (5, 6); sigma between 0.3 and 2.3")
def same_shape():
    x, mu, sigma = rand(5, 6) * 3, rand(5, 6), positive(5, 6)
    expect_tensor(learner.normal_logpdf(x, mu, sigma), reference(x, mu, sigma), dims="(5, 6)")


@test("broadcasting: x (4, 1), mu (3,), sigma (1, 3) give a (4, 3) result")
def broadcasting():
    x, mu, sigma = rand(4, 1) * 2, rand(3), positive(1, 3)
    expect_tensor(learner.normal_logpdf(x, mu, sigma), reference(x, mu, sigma), dims="(4, 3), the broadcast shape")


@test("far in the tail: x = 40 standard deviations away (the density itself underflows to 0)")
def far_tail():
    x = torch.tensor([40.0, -60.0, 200.0], dtype=torch.float64)
    mu, sigma = torch.zeros(3, dtype=torch.float64), torch.tensor([1.0, 1.0, 0.5], dtype=torch.float64)
    expect_tensor(learner.normal_logpdf(x, mu, sigma), reference(x, mu, sigma), dims="(3,)")


@test("very narrow and very wide normals: sigma = 1e-3 and 1e3")
def extreme_sigma():
    x = torch.tensor([0.001, -0.002, 500.0, 3000.0], dtype=torch.float64)
    mu = torch.zeros(4, dtype=torch.float64)
    sigma = torch.tensor([1e-3, 1e-3, 1e3, 1e3], dtype=torch.float64)
    expect_tensor(learner.normal_logpdf(x, mu, sigma), reference(x, mu, sigma), dims="(4,)")


@test("float32 inputs give a float32 result, shape (7,)")
def float32():
    x, mu, sigma = rand(7, dtype=torch.float32), rand(7, dtype=torch.float32), positive(7, dtype=torch.float32)
    expect_tensor(learner.normal_logpdf(x, mu, sigma), reference(x, mu, sigma), dims="(7,)")
