import torch
from grader.checks import test, learner, expect_tensor, rand


def ref_cov(data):
    # torch.cov wants variables in rows.
    return torch.cov(data.T, correction=1)


def ref_var(cov, w):
    return (cov * torch.outer(w, w)).sum()


def correlated(n, d):
    """n samples of d correlated features with different means and scales."""
    mix = rand(d, d)
    return rand(n, d) @ mix + 10 * rand(d)


def random_cov(d):
    a = rand(d, d)
    return a @ a.T + 0.1 * torch.eye(d, dtype=torch.float64)


@test("covariance_matrix: 50 samples of 4 correlated features with non-zero means")
def cov_random():
    data = correlated(50, 4)
    expect_tensor(learner.covariance_matrix(data), ref_cov(data), dims="(d, d) = (4, 4)")


@test("covariance_matrix: 3 samples of 6 features (more features than samples)")
def cov_wide():
    data = correlated(3, 6)
    expect_tensor(learner.covariance_matrix(data), ref_cov(data), dims="(d, d) = (6, 6)")


@test("covariance_matrix: two perfectly anti-correlated columns, y = 5 - 2x")
def cov_known():
    x = torch.tensor([1.0, 2.0, 3.0, 4.0, 5.0], dtype=torch.float64)
    data = torch.stack([x, 5 - 2 * x], dim=1)
    expect_tensor(learner.covariance_matrix(data), ref_cov(data), dims="(d, d) = (2, 2)")


@test("var_of_weighted_sum: the worked example, cov [[4, 1.5], [1.5, 1]] and w = (1, -2), gives 2")
def var_known():
    cov = torch.tensor([[4.0, 1.5], [1.5, 1.0]], dtype=torch.float64)
    w = torch.tensor([1.0, -2.0], dtype=torch.float64)
    expect_tensor(
        learner.var_of_weighted_sum(cov, w),
        torch.tensor(2.0, dtype=torch.float64),
        dims="a 0-dimensional tensor (a scalar)",
    )


@test("var_of_weighted_sum: a random correlated 5x5 covariance and random weights")
def var_random():
    cov, w = random_cov(5), rand(5)
    expect_tensor(learner.var_of_weighted_sum(cov, w), ref_var(cov, w), dims="a 0-dimensional tensor (a scalar)")


@test("both together: w^T cov w of your covariance equals the sample variance of data @ w (n=40, d=3)")
def together():
    data, w = correlated(40, 3), rand(3)
    cov = learner.covariance_matrix(data)
    expect_tensor(cov, ref_cov(data), dims="(d, d) = (3, 3)")
    got = learner.var_of_weighted_sum(cov, w)
    expect_tensor(got, torch.var(data @ w, correction=1), dims="a 0-dimensional tensor (a scalar)")


@test("float32 inputs give float32 results (n=20, d=3)")
def float32():
    data, w = correlated(20, 3).float(), rand(3, dtype=torch.float32)
    expect_tensor(learner.covariance_matrix(data), ref_cov(data.double()).float(), dims="(d, d) = (3, 3)", rtol=1e-4)
    cov = random_cov(3).float()
    expect_tensor(
        learner.var_of_weighted_sum(cov, w),
        ref_var(cov.double(), w.double()).float(),
        dims="a 0-dimensional tensor (a scalar)",
        rtol=1e-4,
    )
