import torch
from grader.checks import test, learner, expect_tensor, rand

DIMS = "(n_days,)"


def reference(temps):
    # Explicit loop over weeks, formulas written out (no einops, no torch.std).
    out = torch.empty_like(temps)
    for start in range(0, temps.shape[0], 7):
        week = temps[start : start + 7]
        mean = week.sum() / 7
        std = (((week - mean) ** 2).sum() / 6).sqrt()
        out[start : start + 7] = (week - mean) / std
    return out


def temperatures(n_weeks, dtype=torch.float64):
    """Daily temperatures whose weeks differ in both level and spread."""
    level = 15 + 8 * rand(n_weeks, 1, dtype=dtype)
    spread = 1 + 4 * torch.rand(n_weeks, 1, dtype=dtype)
    return (level + spread * rand(n_weeks, 7, dtype=dtype)).reshape(-1)


@test("the worked example: one week 0, 1, ..., 6")
def worked_example():
    temps = torch.arange(7, dtype=torch.float64)
    expect_tensor(learner.weekly_zscore(temps), reference(temps), dims=DIMS)


@test("three weeks of random float64 temperatures (n_days=21)")
def three_weeks():
    temps = temperatures(3)
    expect_tensor(learner.weekly_zscore(temps), reference(temps), dims=DIMS)


@test("weeks with very different levels and spreads (n_days=35)")
def different_weeks():
    temps = temperatures(5)
    temps[7:14] = temps[7:14] * 10 - 40
    expect_tensor(learner.weekly_zscore(temps), reference(temps), dims=DIMS)


@test("a single week of random temperatures (n_days=7)")
def one_week():
    temps = temperatures(1)
    expect_tensor(learner.weekly_zscore(temps), reference(temps), dims=DIMS)


@test("float32 input gives a float32 result, ten weeks (n_days=70)")
def float32_ten_weeks():
    temps = temperatures(10, dtype=torch.float32)
    expect_tensor(learner.weekly_zscore(temps), reference(temps.double()).float(), dims=DIMS)
