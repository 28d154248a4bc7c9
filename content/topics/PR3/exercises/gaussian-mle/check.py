import math

import torch
from hypothesis import given, settings, strategies as st

from grader import checks
from grader.checks import test, learner, expect, expect_tensor, rand

SCALAR = "a 0-dimensional tensor (a scalar)"


def ref_loglik(x, mu, var):
    return torch.distributions.Normal(mu, var.sqrt(), validate_args=False).log_prob(x).sum()


def ref_mle(x):
    return x.mean(), x.var(correction=0)


def expect_mle(x):
    got = learner.gaussian_mle(x)
    expect(
        isinstance(got, (tuple, list)) and len(got) == 2,
        f"`gaussian_mle` should return a tuple (mu_hat, var_hat); got {type(got).__name__}.",
    )
    for i, (g, e, what) in enumerate(zip(got, ref_mle(x), ("mu_hat", "var_hat"))):
        try:
            expect_tensor(g, e, name=f"gaussian_mle(...)[{i}] ({what})", dims=SCALAR)
        except checks.CheckFailed as failure:  # name the mistake from the whole tuple
            hint = "" if "hint" in failure.details else checks.mutant_hint(got)
            if hint:
                failure.message += " " + hint
                failure.details["hint"] = hint
            raise
    return got


@test("gaussian_loglik: the worked example, x = (1, 2, 6), mu = 3, var = 14/3")
def loglik_example():
    x = torch.tensor([1.0, 2.0, 6.0], dtype=torch.float64)
    mu, var = torch.tensor(3.0, dtype=torch.float64), torch.tensor(14 / 3, dtype=torch.float64)
    expect_tensor(learner.gaussian_loglik(x, mu, var), ref_loglik(x, mu, var), dims=SCALAR)


@test("gaussian_loglik: 25 random points, random mu and var (var far from 1, so var and std differ)")
def loglik_random():
    x = 2 + 3 * rand(25)
    mu, var = torch.tensor(1.5, dtype=torch.float64), torch.tensor(6.25, dtype=torch.float64)
    expect_tensor(learner.gaussian_loglik(x, mu, var), ref_loglik(x, mu, var), dims=SCALAR)


@test("gaussian_mle: the worked example x = (1, 2, 6) gives (3, 14/3)")
def mle_example():
    expect_mle(torch.tensor([1.0, 2.0, 6.0], dtype=torch.float64))


@test("gaussian_mle: 40 random points with mean 5 and std 2")
def mle_random():
    expect_mle(5 + 2 * rand(40))


@test("float32 data gives float32 results (n = 12)")
def float32():
    x = (5 + 2 * rand(12)).float()
    mu, var = torch.tensor(4.5), torch.tensor(3.0)
    expect_tensor(
        learner.gaussian_loglik(x, mu, var), ref_loglik(x.double(), mu.double(), var.double()).float(), dims=SCALAR
    )
    expect_mle(x)


@test("property: the log-likelihood at your MLE beats every nearby (mu, var) (hypothesis, 40 examples)")
def mle_is_max():
    @settings(derandomize=True, deadline=None, database=None, max_examples=40)
    @given(
        n=st.integers(2, 30),
        seed=st.integers(0, 10_000),
        dmu=st.floats(-1, 1).filter(lambda d: abs(d) > 1e-3),
        dlog=st.floats(-1, 1).filter(lambda d: abs(d) > 1e-3),
    )
    def prop(n, seed, dmu, dlog):
        if failures:
            return
        try:
            one_case(n, seed, dmu, dlog)
        except Exception as failure:  # report the first failing case as it is, not hypothesis's summary
            failures.append(failure)

    def one_case(n, seed, dmu, dlog):
        gen = torch.Generator().manual_seed(seed)
        x = 3 * torch.randn(n, generator=gen, dtype=torch.float64) - 1
        mu, var = expect_mle(x)
        best = ref_loglik(x, mu, var).item()
        for m, v in ((mu + dmu, var), (mu, var * math.exp(dlog))):
            other = ref_loglik(x, m, v).item()
            expect(
                other < best,
                f"With x of length {n}, moving your estimate to mu = {float(m):.4f}, var = {float(v):.4f} "
                f"raised the log-likelihood from {best:.6f} to {other:.6f}: your (mu_hat, var_hat) is not "
                "the maximum.",
            )

    failures = []
    prop()
    if failures:
        raise failures[0]
