import math

import torch

import gpt2_reference as ref
from grader import compare
from grader.checks import test, learner, expect, expect_tensor, fail, rand

DIMS = "(batch, head, q_pos, k_pos)"
NAME = "attn_pattern(q, k)"


def reference(q, k):
    # No einsum here: heads next to the batch, then Q (.., pos, d) @ K^T (.., d, pos); the mask from gpt2_reference.
    scores = torch.matmul(q.permute(0, 2, 1, 3), k.permute(0, 2, 3, 1)) / math.sqrt(q.shape[-1])
    return torch.softmax(ref.causal_mask(scores), dim=-1)


def call(q, k):
    batch, pos, head, _ = q.shape
    got = learner.attn_pattern(q, k)
    shape = (batch, head, pos, pos)
    expect(
        isinstance(got, torch.Tensor) and tuple(got.shape) == shape and got.dtype == q.dtype,
        f"`{NAME}` should return a {str(q.dtype).removeprefix('torch.')} tensor of shape {compare.shape_text(shape)}, "
        f"that is {DIMS}; it returned {compare.describe(got)}.",
        got=got,
    )
    return got


def inputs(batch=2, pos=11, head=4, d_head=7, dtype=torch.float64, scale=1.0):
    # Unit-variance q and k: scores / sqrt(d_head) have standard deviation 1, so the softmax is neither
    # uniform nor saturated, and a missing or wrong scale changes every row.
    return rand(batch, pos, head, d_head, dtype=dtype, scale=scale), rand(batch, pos, head, d_head, dtype=dtype)


@test("float64 q, k (batch=2, pos=11, head=4, d_head=7): the pattern equals the reference")
def float64():
    q, k = inputs()
    expect_tensor(call(q, k), reference(q, k), name=NAME, dims=DIMS)


@test("every row of the pattern sums to 1 (a softmax over the keys, the last axis)")
def rows_sum_to_one():
    q, k = inputs()
    got = call(q, k)
    sums = got.sum(dim=-1)
    bad = ~((sums - 1).abs() <= 1e-9)
    if bad.any():
        b, h, i = (int(x) for x in bad.nonzero()[0])
        fail(
            f"Row [{b}, {h}, {i}] of the pattern (query {i}) sums to {sums[b, h, i].item():.6g}; every row must sum to 1: "
            "a softmax over the keys (dim=-1), taken after the mask.",
            got=got,
        )


@test("every entry above the diagonal (key after query) is 0")
def future_is_zero():
    q, k = inputs()
    got = call(q, k)
    future = torch.ones(11, 11, dtype=torch.bool).triu(1).expand_as(got)
    bad = future & ~(got.abs() <= 1e-12)
    if bad.any():
        b, h, i, j = (int(x) for x in bad.nonzero()[0])
        fail(
            f"Entry [{b}, {h}, {i}, {j}] is {got[b, h, i, j].item():.6g}: query {i} attends to key {j}, which comes after "
            f"it. Every entry with k > q must be 0 ({int(bad.sum())} are not).",
            got=got,
        )


@test("large scores (q scaled by 400, scores up to about +-1000): no overflow, no NaN")
def large_scores():
    q, k = inputs(scale=400.0)
    got = call(q, k)
    expect(
        not got.isnan().any(),
        "Your pattern contains NaN for large scores. The usual cause: exp of a score above about "
        "710 is inf in float64, and inf / inf is NaN; subtract each row's maximum before exp, or use torch.softmax. "
        "(A row whose every key is masked gives NaN too.)",
        got=got,
    )
    expect_tensor(got, reference(q, k), name=NAME + " for large scores", dims=DIMS)


@test("float32 q, k (batch=3, pos=5, head=2, d_head=16): a float32 pattern (rtol 1e-4)")
def float32():
    q, k = inputs(batch=3, pos=5, head=2, d_head=16, dtype=torch.float32)
    expect_tensor(call(q, k), reference(q, k), name=NAME, dims=DIMS)
