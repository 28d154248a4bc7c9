import torch
from grader.checks import test, learner, expect, expect_tensor, expect_arguments_used

DIMS = "(K,), one logit per outcome"
# Frequencies computed in float32 (counts / counts.sum() on an integer tensor) are a correct route: each
# is off by ~1e-8, which after 500 steps moves a logit by up to ~1e-6. Every known mistake is off by 1e-2
# or more, so compare at 1e-5 rather than float64's default 1e-10.
TOL = dict(rtol=1e-5, atol=1e-6)


def reference(counts, steps, lr):
    # The closed-form gradient, no autograd.
    freq = counts.double() / counts.sum()
    theta = torch.zeros(counts.shape[0], dtype=torch.float64)
    for _ in range(steps):
        theta = theta + lr * (freq - torch.exp(theta - theta.max()) / torch.exp(theta - theta.max()).sum())
    return theta


def random_counts(k):
    # Every outcome reasonably frequent, so 500 steps converge well within 1e-3.
    return torch.randint(20, 120, (k,))


@test("one step from zero: counts (5, 3, 2), lr = 0.5 gives (0.0833, -0.0167, -0.0667)")
def one_step():
    counts = torch.tensor([5, 3, 2])
    expect_tensor(learner.fit_categorical(counts, 1, 0.5), reference(counts, 1, 0.5), dims=DIMS, **TOL)


@test("two steps, K = 6 random counts, lr = 0.3")
def two_steps():
    counts = random_counts(6)
    expect_tensor(learner.fit_categorical(counts, 2, 0.3), reference(counts, 2, 0.3), dims=DIMS, **TOL)


@test("20 steps, K = 4 random counts, lr = 1.0, passed by keyword: your steps follow the reference")
def twenty_steps():
    counts = random_counts(4)
    expect_tensor(learner.fit_categorical(counts, steps=20, lr=1.0), reference(counts, 20, 1.0), dims=DIMS, **TOL)


@test("500 steps with the defaults, K = 7: softmax(logits) matches the frequencies within 1e-3")
def converges():
    counts = random_counts(7)
    theta = learner.fit_categorical(counts)
    expect(
        isinstance(theta, torch.Tensor) and theta.shape == (7,) and theta.dtype == torch.float64,
        "`fit_categorical` should return a float64 tensor of shape (K,) = (7,).",
    )
    expect(not theta.requires_grad, "Return a detached tensor (`theta.detach()`), without requires_grad.")
    freq = counts.double() / counts.sum()
    probs = torch.softmax(theta, dim=0)
    gap = (probs - freq).abs().max().item()
    expect(
        gap <= 1e-3,
        f"After 500 steps softmax(logits) is {[round(v, 4) for v in probs.tolist()]}, but the observed "
        f"frequencies are {[round(v, 4) for v in freq.tolist()]} (largest gap {gap:.2g}, allowed 1e-3).",
    )
    expect_tensor(theta, reference(counts, 500, 0.5), dims=DIMS, **TOL)


@test("steps and lr are both used: steps 1, 3 and 9 (lr 0.4), then lr 0.1 and 0.7 (4 steps), K = 5")
def arguments_used():
    expect_arguments_used(
        "fit_categorical",
        (random_counts(5),),
        reference,
        {"steps": [1, 3, 9], "lr": [0.1, 0.7]},
        base={"steps": 4, "lr": 0.4},
        dims=DIMS,
        **TOL,
    )
