import math

import torch
from grader.checks import test, learner, expect, expect_equal, expect_tensor, remote

N = 200_000


def draw(n, mu, sigma, seed):
    x = learner.sample_normal(n, mu, sigma, seed)
    expect(isinstance(x, torch.Tensor), f"`sample_normal` returned a {type(x).__name__}; expected a tensor.")
    expect(
        x.shape == (n,) and x.dtype == torch.float64,
        f"`sample_normal({n}, ...)` returned shape {tuple(x.shape)} and dtype {x.dtype}; "
        f"expected shape ({n},) and float64.",
    )
    expect(
        bool(torch.isfinite(x).all()),
        f"{int((~torch.isfinite(x)).sum())} of the {n} samples are inf or NaN: log(0) is -inf, so u1 must "
        "be in (0, 1] (use 1 - torch.rand(...)).",
    )
    return x


def random_params():
    mu = round(float(torch.empty(1).uniform_(-5, 5)), 3)
    sigma = round(float(torch.empty(1).uniform_(0.5, 3)), 3)
    seed = int(torch.randint(0, 2**31 - 1, (1,)))
    return mu, sigma, seed


@test("shape (n,) and float64, for even and odd n (n = 10 and n = 7)")
def shapes():
    draw(10, 0.0, 1.0, 1)
    draw(7, 0.0, 1.0, 2)


@test("deterministic: the same seed twice gives identical samples; another seed gives different ones")
def deterministic():
    mu, sigma, seed = random_params()
    a, b = draw(1000, mu, sigma, seed), draw(1000, mu, sigma, seed)
    expect(
        bool(torch.equal(a, b)),
        f"Two calls with seed {seed} gave different samples: draw every uniform from "
        "gen = torch.Generator().manual_seed(seed) (torch.rand(..., generator=gen)).",
    )
    c = draw(1000, mu, sigma, seed + 1)
    expect(not torch.equal(a, c), f"Seeds {seed} and {seed + 1} gave identical samples: use the seed.")


@test("mean and variance of 200 000 samples, within 5 standard errors of mu and sigma^2")
def mean_and_variance():
    mu, sigma, seed = random_params()
    x = draw(N, mu, sigma, seed)
    mean_se = sigma / math.sqrt(N)
    mean = x.mean().item()
    expect(
        abs(mean - mu) <= 5 * mean_se,
        f"With mu = {mu}, sigma = {sigma}: the sample mean {mean:.5f} is {abs(mean - mu) / mean_se:.1f} "
        f"standard errors from mu (allowed: 5); n = {N}.",
    )
    var = x.var().item()
    var_se = sigma**2 * math.sqrt(2 / (N - 1))  # standard error of a normal sample's variance
    expect(
        abs(var - sigma**2) <= 5 * var_se,
        f"With mu = {mu}, sigma = {sigma}: the sample variance {var:.5f} should be close to "
        f"sigma^2 = {sigma**2:.5f}, but is {abs(var - sigma**2) / var_se:.1f} standard errors away "
        f"(allowed: 5); n = {N}. (Ratio {var / sigma**2:.3f}.)",
    )


@test("tails: the fraction of samples more than 2 sigma from mu is 4.55%, within 5 standard errors")
def tails():
    mu, sigma, seed = random_params()
    x = draw(N, mu, sigma, seed)
    p = math.erfc(2 / math.sqrt(2))
    frac = ((x - mu).abs() > 2 * sigma).double().mean().item()
    se = math.sqrt(p * (1 - p) / N)
    expect(
        abs(frac - p) <= 5 * se,
        f"{100 * frac:.3f}% of the samples are more than 2 sigma from mu; a normal has {100 * p:.3f}% there, "
        f"and this is {abs(frac - p) / se:.1f} standard errors away (allowed: 5); n = {N}.",
    )


@test("whole distribution: Kolmogorov-Smirnov distance to N(mu, sigma^2) below 2.7 / sqrt(n)")
def ks_distance():
    mu, sigma, seed = random_params()
    x = draw(N, mu, sigma, seed)
    sorted_x, _ = torch.sort(x)
    cdf = torch.special.ndtr((sorted_x - mu) / sigma)
    i = torch.arange(1, N + 1, dtype=torch.float64)
    d = max((i / N - cdf).max().item(), (cdf - (i - 1) / N).max().item())
    limit = 2.7 / math.sqrt(N)  # P(D > limit) is about 2 exp(-2 * 2.7^2) < 1e-6 for a correct sampler
    worst = sorted_x[torch.argmax(torch.maximum(i / N - cdf, cdf - (i - 1) / N))].item()
    expect(
        d <= limit,
        f"The largest gap between the empirical CDF of your samples and the normal CDF is {d:.4f} "
        f"(at x = {worst:.3f}); a correct sampler stays below {limit:.4f} with n = {N}.",
    )


@test("independence: no value repeats among 200 000 samples (a continuous distribution never repeats)")
def distinct():
    mu, sigma, seed = random_params()
    x = draw(N, mu, sigma, seed)
    n_unique = torch.unique(x).numel()
    expect(
        n_unique == N,
        f"Only {n_unique} of your {N} samples are distinct: values are being reused. Each uniform should "
        "be used once, and each Box-Muller pair gives two different normals (cos and sin).",
    )


@remote
def global_draws_around(n, seed):
    """Draws from torch's global generator with and without a call to sample_normal in between."""
    import torch

    torch.manual_seed(4242)
    before = torch.rand(3, dtype=torch.float64)
    torch.manual_seed(4242)
    sample_normal(n, 0.0, 1.0, seed)
    after = torch.rand(3, dtype=torch.float64)
    return before, after


@test("leaves torch's global random numbers alone: all randomness comes from the seeded generator")
def global_state():
    before, after = learner.run(global_draws_around, 10, 5)
    expect(
        bool(torch.equal(before, after)),
        "Calling `sample_normal` changed torch's global random numbers (it reseeds with `torch.manual_seed` or "
        "draws from the global generator): make gen = torch.Generator().manual_seed(seed) and pass "
        "generator=gen to every torch.rand, so the caller's own random numbers are left as they were.",
    )
