import math

import torch
from grader import checks
from grader.checks import test, learner, expect, remote

N = 4_000  # 5 standard errors are 0.032 at p = 0.2: every known mistake is off by far more, and a
# per-sample Python loop (alternatives/scan_each_sample.py) draws all of them in about 2 s


def draw(probs, n, seed):
    s = learner.sample_categorical(probs, n, seed)
    expect(
        isinstance(s, torch.Tensor) and s.shape == (n,) and s.dtype == torch.int64,
        f"`sample_categorical(probs, {n}, seed)` should return an int64 tensor of shape ({n},); got "
        + (f"{s.dtype} of shape {tuple(s.shape)}." if isinstance(s, torch.Tensor) else f"a {type(s).__name__}."),
    )
    k = probs.shape[0]
    out = (s < 0) | (s >= k)
    if bool(out.any()):
        checks.fail(
            f"{int(out.sum())} of {n} samples are out of range 0..{k - 1} (for example {int(s[out][0])}), with "
            f"probs summing to {probs.double().sum().item():.9g}: scale u by the last cumsum and clamp the index."
        )
    return s


def with_hint(samples):
    """A known mistake that gives exactly these samples (same seed), if any."""
    hint = checks.mutant_hint(samples)
    return " " + hint if hint else ""


def expect_frequencies(probs, seed, what):
    p = probs.double() / probs.double().sum()
    s = draw(probs, N, seed)
    counts = torch.bincount(s, minlength=p.shape[0]).double()
    zero = (p == 0) & (counts > 0)
    if bool(zero.any()):
        checks.fail(
            f"Outcome {int(zero.nonzero()[0])} has probability 0 but came up {int(counts[zero][0])} times in {N} "
            f"draws ({what})." + with_hint(s)
        )
    freq = counts / N
    # Floored at p(1 - p) = 0.01: an outcome expected only a few times is skewed (Poisson, not normal),
    # and 5 of its own tiny standard errors would fail a correct sampler now and then.
    se = torch.sqrt(torch.clamp(p * (1 - p), min=0.01) / N)
    z = torch.where(se > 0, (freq - p).abs() / se, torch.zeros_like(p))
    k = int(z.argmax())
    if z[k] > 5:
        checks.fail(
            f"Outcome {k} came up with frequency {freq[k].item():.5f}, but its probability is {p[k].item():.5f}: "
            f"{z[k].item():.1f} standard errors away (allowed: 5); N = {N} ({what}). All frequencies: "
            f"{[round(v, 4) for v in freq.tolist()]}; probabilities: {[round(v, 4) for v in p.tolist()]}."
            + with_hint(s)
        )


@test("shape, dtype and range: 50 samples from (0.2, 0.5, 0.3)")
def basics():
    draw(torch.tensor([0.2, 0.5, 0.3], dtype=torch.float64), 50, 1)


@test("deterministic: the same seed gives the same samples; another seed gives different ones")
def deterministic():
    probs = torch.tensor([0.1, 0.2, 0.3, 0.4], dtype=torch.float64)
    seed = int(torch.randint(0, 2**31 - 1, (1,)))
    a, b = draw(probs, 1000, seed), draw(probs, 1000, seed)
    expect(
        bool(torch.equal(a, b)),
        f"Two calls with seed {seed} gave different samples: draw u from torch.Generator().manual_seed(seed).",
    )
    expect(not torch.equal(a, draw(probs, 1000, seed + 1)), f"Seeds {seed} and {seed + 1} gave the same samples.")


@test("frequencies of 4 000 draws from (0.2, 0.5, 0.3) within 5 standard errors")
def frequencies_small():
    expect_frequencies(torch.tensor([0.2, 0.5, 0.3], dtype=torch.float64), 7, "probs (0.2, 0.5, 0.3)")


@test("frequencies for a random K = 12 distribution with zeros: zero-probability outcomes never appear")
def frequencies_random():
    p = torch.distributions.Dirichlet(torch.full((12,), 0.7, dtype=torch.float64)).sample()
    p[[0, 5, 11]] = 0  # first, middle and last
    expect_frequencies(p / p.sum(), int(torch.randint(0, 2**31 - 1, (1,))), "a random K = 12 distribution")


@test("weights that do not sum to 1: (0.3, 0.3, 0.3, 0) means 1/3 each, and outcome 3 never")
def unnormalised():
    expect_frequencies(torch.tensor([0.3, 0.3, 0.3, 0.0], dtype=torch.float64), 11, "weights (0.3, 0.3, 0.3, 0)")


@test("weights that sum to a lot more than 1: (2, 5, 3) means 0.2, 0.5, 0.3")
def large_weights():
    expect_frequencies(torch.tensor([2.0, 5.0, 3.0], dtype=torch.float64), 19, "weights (2, 5, 3)")


@test("float32 weights whose cumsum does not end exactly at 1: never out of range")
def float32_rounding():
    p = torch.full((7,), 1 / 7, dtype=torch.float32) * 0.9999999
    expect_frequencies(p, 13, "float32 weights 7 x (1/7), summing to %.9g" % p.sum().item())
    p = torch.tensor([0.25, 0.25, 0.25, 0.2499999], dtype=torch.float64)
    expect_frequencies(p, 17, "weights summing to 0.9999999")


@remote
def global_draws_around(probs, seed):
    """Draws from torch's global generator with and without a call to sample_categorical in between."""
    import torch

    torch.manual_seed(4242)
    before = torch.rand(3, dtype=torch.float64)
    torch.manual_seed(4242)
    sample_categorical(probs, 10, seed)
    after = torch.rand(3, dtype=torch.float64)
    return before, after


@test("leaves torch's global random numbers alone: all randomness comes from the seeded generator")
def global_state():
    before, after = learner.run(global_draws_around, torch.tensor([0.2, 0.5, 0.3], dtype=torch.float64), 5)
    expect(
        bool(torch.equal(before, after)),
        "Calling `sample_categorical` changed torch's global random numbers (it reseeds with `torch.manual_seed` "
        "or draws from the global generator): make gen = torch.Generator().manual_seed(seed) and pass "
        "generator=gen to torch.rand, so the caller's own random numbers are left as they were.",
    )
