import itertools

import torch
from grader.checks import test, learner, expect, expect_equal, expect_tensor, rand, remote


def ref_unravel(index, shape):
    # Enumerate indices in row-major order (itertools.product varies the last axis fastest).
    return next(itertools.islice(itertools.product(*(range(s) for s in shape)), index, None))


def ref_pad(x, p):
    h, w = x.shape
    rows = []
    for r in range(h + 2 * p):
        rows.append([x[r - p, c - p].item() if p <= r < p + h and p <= c < p + w else 0 for c in range(w + 2 * p)])
    return torch.tensor(rows, dtype=x.dtype)


def ref_minmax(x):
    lo, hi = x.min(), x.max()
    return torch.zeros_like(x) if hi == lo else (x - lo) / (hi - lo)


@test("unravel: the worked examples (99 in (6, 7, 8); 5 in (2, 3); 4 in (10,))")
def unravel_examples():
    for index, shape in [(99, (6, 7, 8)), (5, (2, 3)), (4, (10,))]:
        expect_equal(learner.unravel(index, shape), ref_unravel(index, shape))


@test("unravel: first and last entries, and every 7th entry of a (3, 4, 5, 2) tensor")
def unravel_sweep():
    shape = (3, 4, 5, 2)
    for index in [0, 119] + list(range(3, 120, 7)):
        expect_equal(learner.unravel(index, shape), ref_unravel(index, shape))


@test("pad_zeros: the worked example, int64, p=1")
def pad_example():
    x = torch.tensor([[1, 2], [3, 4]])
    expect_tensor(learner.pad_zeros(x, 1), ref_pad(x, 1), dims="(h + 2p, w + 2p)")


@test("pad_zeros: random float64 (3, 5) with p=2, and p=0 gives a copy")
def pad_random():
    x = rand(3, 5)
    expect_tensor(learner.pad_zeros(x, 2), ref_pad(x, 2), dims="(h + 2p, w + 2p)")
    expect_tensor(learner.pad_zeros(x, 0), x.clone(), dims="(h, w)")


@remote
def pad_shares_memory(x, p):
    # In the learner's process: does the result share memory with x (x itself, or a view of it)?
    out = pad_zeros(x, p)
    return out.untyped_storage().data_ptr() == x.untyped_storage().data_ptr()


@test("pad_zeros with p=0 returns a new tensor, not x itself")
def pad_copy():
    shared = learner.run(pad_shares_memory, rand(3, 4), 0)
    expect(
        not shared,
        "`pad_zeros(x, 0)` returned `x` itself (or a view of it): return a new tensor, so that "
        "changing the result leaves `x` alone (for example `x.clone()`, or the padded copy as for any p).",
    )


@test("pad_zeros: uint8 (4, 1) with p=3 keeps the dtype")
def pad_uint8():
    x = torch.randint(1, 255, (4, 1), dtype=torch.uint8)
    expect_tensor(learner.pad_zeros(x, 3), ref_pad(x, 3), dims="(h + 2p, w + 2p)")


@test("minmax_scale: the worked example [2, 4, 10]")
def minmax_example():
    x = torch.tensor([2.0, 4.0, 10.0])
    expect_tensor(learner.minmax_scale(x), ref_minmax(x), dims="(n,)")


@test("minmax_scale: random float64 (4, 6), scaled over all entries, not per row or column")
def minmax_random():
    x = rand(4, 6) * 3 + 1
    expect_tensor(learner.minmax_scale(x), ref_minmax(x), dims="(4, 6), like x")


@test("minmax_scale: float32 (3, 2, 5) stays float32")
def minmax_float32():
    x = rand(3, 2, 5, dtype=torch.float32) * 4 - 1
    expect_tensor(learner.minmax_scale(x), ref_minmax(x.double()).float(), dims="(3, 2, 5), like x")


@test("minmax_scale: a constant tensor gives zeros, not NaN")
def minmax_constant():
    x = torch.full((2, 3), 7.0, dtype=torch.float64)
    expect_tensor(learner.minmax_scale(x), torch.zeros(2, 3, dtype=torch.float64), dims="(2, 3), like x")
