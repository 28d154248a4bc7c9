import torch
from grader import checks
from grader.checks import test, learner, expect, expect_tensor, rand

NAMES = ("mean", "var", "std")


def reference(values, probs):
    # Written with matrix-vector products rather than elementwise sums.
    mean = torch.dot(probs, values)
    centred = values - mean
    var = torch.dot(probs, centred * centred)
    return mean, var, torch.sqrt(var)


def random_pmf(k, alpha=1.0):
    return torch.distributions.Dirichlet(torch.full((k,), alpha, dtype=torch.float64)).sample()


def check(values, probs, rtol=None):
    got = learner.moments(values, probs)
    expect(
        isinstance(got, (tuple, list)) and len(got) == 3,
        f"`moments` should return a tuple (mean, var, std) of three tensors; got {type(got).__name__}"
        + (f" of length {len(got)}" if isinstance(got, (tuple, list)) else "")
        + ".",
    )
    for i, (g, e) in enumerate(zip(got, reference(values, probs))):
        try:
            expect_tensor(
                g, e, name=f"moments(...)[{i}] ({NAMES[i]})", rtol=rtol, dims="a 0-dimensional tensor (a scalar)"
            )
        except checks.CheckFailed as failure:  # name the mistake from the whole tuple, not one part
            hint = "" if "hint" in failure.details else checks.mutant_hint(got)
            if hint:
                failure.message += " " + hint
                failure.details["hint"] = hint
            raise


@test("the worked example: values (0, 1, 5), probabilities (0.5, 0.3, 0.2)")
def worked_example():
    check(torch.tensor([0.0, 1.0, 5.0], dtype=torch.float64), torch.tensor([0.5, 0.3, 0.2], dtype=torch.float64))


@test("a fair die: values 1..6, each with probability 1/6 (mean 3.5, var 35/12)")
def fair_die():
    check(torch.arange(1.0, 7.0, dtype=torch.float64), torch.full((6,), 1 / 6, dtype=torch.float64))


@test("random values with a skewed random pmf (K = 7)")
def skewed():
    check(rand(7) * 3, random_pmf(7, alpha=0.3))


@test("some probabilities exactly 0: those values must not count (K = 9)")
def zero_probs():
    probs = random_pmf(9)
    probs[[1, 4, 8]] = 0
    probs = probs / probs.sum()
    values = rand(9)
    values[[1, 4, 8]] = 100.0  # far away: counting them would move everything
    check(values, probs)


@test("values far from 0: 100 + small spread (K = 11)")
def large_offset():
    check(100 + rand(11), random_pmf(11), rtol=1e-8)


@test("float32 inputs give float32 results (K = 5)")
def float32():
    values, probs = rand(5, dtype=torch.float32), random_pmf(5).float()
    check(values, probs)
