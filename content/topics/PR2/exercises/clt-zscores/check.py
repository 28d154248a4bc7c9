import math

import torch
from grader.checks import test, learner, expect, expect_tensor, rand

DIMS = "(trials,), one z per row"


def reference(samples, mu, sigma):
    n = samples.shape[-1]
    return math.sqrt(n) * (samples.sum(dim=-1) / n - mu) / sigma


def clt_check(samples, mu, sigma, source):
    trials, n = samples.shape
    z = learner.standardized_means(samples, mu, sigma)
    expect_tensor(z, reference(samples, mu, sigma), dims=DIMS)
    # The formula is right; now look at the distribution the CLT predicts: N(0, 1).
    mean_se, std_se = 1 / math.sqrt(trials), 1 / math.sqrt(2 * trials)
    mean, std = z.mean().item(), z.std().item()
    expect(
        abs(mean) <= 5 * mean_se,
        f"Over {trials} rows of {n} {source} draws, the z values have mean {mean:.4f}, which is "
        f"{abs(mean) / mean_se:.1f} standard errors from 0 (allowed: 5).",
    )
    expect(
        abs(std - 1) <= 5 * std_se,
        f"Over {trials} rows of {n} {source} draws, the z values have standard deviation {std:.4f}; "
        f"the CLT predicts 1, and this is {abs(std - 1) / std_se:.1f} standard errors away (allowed: 5).",
    )
    p = 2 * (1 - 0.5 * (1 + math.erf(1.96 / math.sqrt(2))))
    tail = (z.abs() > 1.96).double().mean().item()
    tail_se = math.sqrt(p * (1 - p) / trials)
    expect(
        abs(tail - p) <= 5 * tail_se,
        f"{100 * tail:.2f}% of the z values are beyond +-1.96; a standard normal has {100 * p:.2f}% there, "
        f"and this is {abs(tail - p) / tail_se:.1f} standard errors away (allowed: 5).",
    )


@test("the worked example: rows (1, 2, 3, 4) and (2, 2, 2, 2), mu = 2, sigma = 2, gives z = (0.5, 0)")
def worked_example():
    samples = torch.tensor([[1.0, 2.0, 3.0, 4.0], [2.0, 2.0, 2.0, 2.0]], dtype=torch.float64)
    expect_tensor(learner.standardized_means(samples, 2.0, 2.0), reference(samples, 2.0, 2.0), dims=DIMS)


@test("random float64 samples, trials = 7, n = 13, mu = 0.3, sigma = 1.7")
def random_formula():
    samples = 0.3 + 1.7 * rand(7, 13)
    expect_tensor(learner.standardized_means(samples, 0.3, 1.7), reference(samples, 0.3, 1.7), dims=DIMS)


@test("the CLT with exponential draws (mean 2, std 2): 4000 rows of n = 64 give z close to N(0, 1)")
def clt_exponential():
    samples = torch.empty(4000, 64, dtype=torch.float64).exponential_(0.5)
    clt_check(samples, 2.0, 2.0, "exponential")


@test("the CLT with uniform draws on [0, 1): 3000 rows of n = 12 give z close to N(0, 1)")
def clt_uniform():
    samples = torch.rand(3000, 12, dtype=torch.float64)
    clt_check(samples, 0.5, math.sqrt(1 / 12), "uniform")


@test("float32 samples give a float32 result (trials = 5, n = 9)")
def float32():
    samples = rand(5, 9, dtype=torch.float32)
    expect_tensor(learner.standardized_means(samples, 0.0, 1.0), reference(samples, 0.0, 1.0), dims=DIMS)
