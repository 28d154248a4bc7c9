import torch

import gpt2_reference as ref
from grader.checks import test, learner, expect_tensor, rand

DIMS = "(batch, q_pos, head, d_head)"
NAME = "attn_z(v, pattern)"


def reference(v, pattern):
    # No einsum: broadcast pattern (b, h, q, k, 1) against v moved to (b, h, 1, k, d), sum over k, heads back.
    weighted = pattern.unsqueeze(-1) * v.permute(0, 2, 1, 3).unsqueeze(2)
    return weighted.sum(dim=3).permute(0, 2, 1, 3)


def causal_pattern(batch, head, pos, dtype=torch.float64):
    return torch.softmax(ref.causal_mask(rand(batch, head, pos, pos, dtype=dtype)), dim=-1)


@test("a causal pattern, float64 (batch=2, pos=11, head=4, d_head=7)")
def causal():
    v, pattern = rand(2, 11, 4, 7), causal_pattern(2, 4, 11)
    expect_tensor(learner.attn_z(v, pattern), reference(v, pattern), name=NAME, dims=DIMS)


@test("a non-causal pattern with more queries than keys: q_pos=11, k_pos=5 (batch=2, head=3, d_head=7)")
def rectangular():
    v, pattern = rand(2, 5, 3, 7), torch.softmax(rand(2, 3, 11, 5), dim=-1)
    expect_tensor(learner.attn_z(v, pattern), reference(v, pattern), name=NAME, dims=DIMS)


@test("a previous-token pattern: z at position i is the value at position i - 1 (position 0 reads itself)")
def previous_token():
    v = rand(2, 6, 3, 5)
    pattern = torch.zeros(2, 3, 6, 6, dtype=torch.float64)
    pattern[:, :, 0, 0] = 1
    for i in range(1, 6):
        pattern[:, :, i, i - 1] = 1
    expect_tensor(
        learner.attn_z(v, pattern), reference(v, pattern), name=NAME + " for a previous-token pattern", dims=DIMS
    )


@test("heads are independent: head 1's values are 10 times larger (batch=2, pos=8, head=3, d_head=4)")
def heads_independent():
    v, pattern = rand(2, 8, 3, 4), causal_pattern(2, 3, 8)
    v[:, :, 1] *= 10
    expect_tensor(learner.attn_z(v, pattern), reference(v, pattern), name=NAME, dims=DIMS)


@test("float32 inputs give a float32 z (batch=3, pos=5, head=2, d_head=16; rtol 1e-4)")
def float32():
    v, pattern = rand(3, 5, 2, 16, dtype=torch.float32), causal_pattern(3, 2, 5, dtype=torch.float32)
    expect_tensor(learner.attn_z(v, pattern), reference(v, pattern), name=NAME, dims=DIMS)
