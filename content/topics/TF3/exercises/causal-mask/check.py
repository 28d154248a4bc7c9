import torch

import gpt2_reference as ref
from grader import compare
from grader.checks import test, learner, expect, fail, rand

DIMS = "(batch, head, q_pos, k_pos)"
NAME = "apply_causal_mask(scores)"


def future(n):
    return torch.ones(n, n, dtype=torch.bool).triu(1)


def call(scores):
    got = learner.apply_causal_mask(scores)
    expect(
        isinstance(got, torch.Tensor) and got.shape == scores.shape and got.dtype == scores.dtype,
        f"`{NAME}` should return a tensor with the shape and dtype of `scores`, {compare.shape_text(scores.shape)} "
        f"{str(scores.dtype).removeprefix('torch.')}, that is {DIMS}; it returned {compare.describe(got)}.",
        got=got,
    )
    return got


def expect_kept(got, scores):
    """On and below the diagonal the scores are copied exactly (the future entries are set to 0 on both sides)."""
    mask = future(scores.shape[-1])
    problem = compare.tensors(
        got.masked_fill(mask, 0),
        scores.masked_fill(mask, 0),
        exact=True,
        dims=DIMS,
        name=NAME + " on and below the diagonal (k <= q)",
    )
    if problem:
        fail(
            problem[0] + " Entries with k <= q (the query's own position and earlier keys) must be copied unchanged.",
            got=got,
        )


def expect_masked(got):
    mask = future(got.shape[-1]).expand_as(got)
    bad = mask & ~(got <= -1e4)  # NaN fails too
    if bad.any():
        b, h, q, k = (int(i) for i in bad.nonzero()[0])
        fail(
            f"Entry [{b}, {h}, {q}, {k}] (key {k} after query {q}) is {got[b, h, q, k].item():.6g}: masked scores must "
            f"be -inf or at most -1e4, so that softmax gives them weight 0. {int(bad.sum())} of {int(mask.sum())} "
            "future entries are not masked.",
            got=got,
        )


def expect_pattern(got, scores):
    mine, theirs = torch.softmax(got, dim=-1), torch.softmax(ref.causal_mask(scores), dim=-1)
    nan_rows = mine.isnan().any(-1)
    if nan_rows.any():
        b, h, q = (int(i) for i in nan_rows.nonzero()[0])
        fail(
            f"softmax over the keys of your result is NaN in row [{b}, {h}, {q}]: every key of that row is masked "
            f"(or NaN). Query {q} must still see keys 0..{q}, its own position included.",
            got=got,
        )
    problem = compare.tensors(mine, theirs, rtol=1e-7, atol=1e-9, dims=DIMS, name=f"softmax({NAME}, dim=-1)")
    if problem:
        fail(problem[0], got=got)


@test("float64 (batch=2, head=3, pos=11): entries with k <= q are copied unchanged")
def kept():
    scores = rand(2, 3, 11, 11)
    expect_kept(call(scores), scores)


@test("float64 (batch=2, head=3, pos=11): every entry with k > q is -inf or <= -1e4")
def masked():
    scores = rand(2, 3, 11, 11)
    expect_masked(call(scores))


@test("float64 (batch=2, head=3, pos=11): softmax over keys equals the reference causal pattern (1e-7), no NaN")
def pattern():
    scores = rand(2, 3, 11, 11)
    expect_pattern(call(scores), scores)


@test("large scores (about +-1000): masked keys still get weight 0")
def large_scores():
    scores = rand(2, 3, 11, 11, scale=1000.0)
    got = call(scores)
    expect_masked(got)
    expect_pattern(got, scores)


@test("float32 scores give float32 scores, masked the same way (batch=4, head=1, pos=5)")
def float32():
    scores = rand(4, 1, 5, 5, dtype=torch.float32)
    got = call(scores)
    expect_kept(got, scores)
    expect_masked(got)


@test("a single position (pos=1): nothing to mask, the score comes back unchanged")
def one_position():
    scores = rand(2, 3, 1, 1)
    expect_kept(call(scores), scores)


@test("strided inputs: a transposed view, and one score matrix expanded (stride 0) to batch 2 and 3 heads")
def strided():
    scores = rand(2, 3, 7, 7).transpose(-1, -2)
    got = call(scores)
    expect_kept(got, scores)
    expect_masked(got)
    scores = rand(1, 1, 6, 6).expand(2, 3, 6, 6)
    got = call(scores)
    expect_kept(got, scores)
    expect_masked(got)
