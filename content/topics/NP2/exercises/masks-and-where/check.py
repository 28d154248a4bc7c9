import math

import torch
from grader.checks import test, learner, expect, expect_tensor, rand, remote


def ref_negate(x, lo, hi):
    flat = [(-v if lo < v < hi else v) for v in x.reshape(-1).tolist()]
    return torch.tensor(flat, dtype=x.dtype).reshape(x.shape)


def ref_common(a, b):
    return torch.tensor(sorted(set(a.tolist()) & set(b.tolist())), dtype=a.dtype)


def ref_round(x):
    flat = [math.copysign(math.ceil(abs(v)), v) if v != 0 else v for v in x.reshape(-1).tolist()]
    return torch.tensor(flat, dtype=x.dtype).reshape(x.shape)


@test("negate_between: the worked example, arange(11.) with lo=3, hi=8 (3 and 8 stay)")
def negate_example():
    x = torch.arange(11.0)
    expect_tensor(learner.negate_between(x, 3, 8), ref_negate(x, 3, 8), dims="like x")


@test("negate_between: random float64 (4, 5) with entries equal to lo and hi, lo=-0.5, hi=1.25")
def negate_random():
    x = rand(4, 5)
    x[0, 0], x[1, 2], x[3, 4] = -0.5, 1.25, 0.0
    expect_tensor(learner.negate_between(x, -0.5, 1.25), ref_negate(x, -0.5, 1.25), dims="like x")


@test("negate_between: int64 (3, 6) tensor, lo=-2, hi=4")
def negate_int():
    x = torch.randint(-6, 8, (3, 6))
    expect_tensor(learner.negate_between(x, -2, 4), ref_negate(x, -2, 4), dims="like x")


@remote
def negate_shares_memory(x, lo, hi):
    # In the learner's process: does the result share memory with x?
    out = negate_between(x, lo, hi)
    return out.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()


@test("negate_between with nothing strictly inside (lo=1, hi=2 on integers) still returns a new tensor")
def negate_nothing_inside():
    x = torch.arange(-3, 5)
    expect_tensor(learner.negate_between(x, 1, 2), x.clone(), dims="like x")
    shared = learner.run(negate_shares_memory, x, 1, 2)
    expect(
        not shared,
        "`negate_between` returned `x` itself when no entry lies strictly between lo and hi: return "
        "a new tensor every time, so that changing the result leaves `x` alone.",
    )


@test("common_values: the worked example (repeats in both inputs)")
def common_example():
    a, b = torch.tensor([5, 1, 3, 3, 9]), torch.tensor([3, 7, 5, 5])
    expect_tensor(learner.common_values(a, b), ref_common(a, b), dims="(n_common,)")


@test("common_values: random int64 vectors of lengths 30 and 17 with many repeats")
def common_random():
    a, b = torch.randint(0, 20, (30,)), torch.randint(-5, 15, (17,))
    expect_tensor(learner.common_values(a, b), ref_common(a, b), dims="(n_common,)")


@test("common_values: no common values gives an empty (0,) tensor")
def common_none():
    a, b = torch.tensor([1, 2, 3]), torch.tensor([4, 5])
    expect_tensor(learner.common_values(a, b), ref_common(a, b), dims="(0,)")


@test("common_values: int32 inputs give an int32 result, also when nothing is common")
def common_int32():
    a, b = torch.tensor([4, 2, 9, 2], dtype=torch.int32), torch.tensor([2, 4, 4, 1], dtype=torch.int32)
    expect_tensor(learner.common_values(a, b), ref_common(a, b), dims="(n_common,)")
    a, b = torch.tensor([1, 2], dtype=torch.int32), torch.tensor([3], dtype=torch.int32)
    expect_tensor(learner.common_values(a, b), ref_common(a, b), dims="(0,)")


@test("round_away: the worked example, and halves 2.5, -2.5, 0.5")
def round_example():
    x = torch.tensor([2.1, -2.1, 3.0, -0.5, 0.0, 2.5, -2.5, 0.5])
    expect_tensor(learner.round_away(x), ref_round(x), dims="like x")


@test("round_away: random float64 (5, 3) in (-10, 10)")
def round_random():
    x = rand(5, 3) * 4
    expect_tensor(learner.round_away(x), ref_round(x), dims="like x")


@test("round_away: float32 whole numbers and fractions, negative and positive, stay float32")
def round_float32():
    x = torch.tensor([-4.0, -3.5, -1.0, -0.25, 1.0, 1.75, 6.0], dtype=torch.float32)
    expect_tensor(learner.round_away(x), ref_round(x), dims="like x")
