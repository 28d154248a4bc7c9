import torch
from grader.checks import test, learner, expect_tensor, rand

DIMS = "(batch, head, q_pos, k_pos)"


def reference(q, k):
    # No einsum: move head next to batch, then a batched matmul of Q (.., q_pos, d) and K^T (.., d, k_pos).
    return torch.matmul(q.permute(0, 2, 1, 3), k.permute(0, 2, 3, 1))


@test("random float64: batch=2, q_pos=5, k_pos=7, head=3, d_head=4")
def random_distinct():
    q, k = rand(2, 5, 3, 4), rand(2, 7, 3, 4)
    expect_tensor(learner.attn_scores(q, k), reference(q, k), dims=DIMS)


@test("self-attention shape: q_pos = k_pos = 6 (batch=3, head=2, d_head=5)")
def same_positions():
    q, k = rand(3, 6, 2, 5), rand(3, 6, 2, 5)
    expect_tensor(learner.attn_scores(q, k), reference(q, k), dims=DIMS)


@test("more queries than keys: q_pos=8, k_pos=3 (batch=1, head=4, d_head=2)")
def more_queries():
    q, k = rand(1, 8, 4, 2), rand(1, 3, 4, 2)
    expect_tensor(learner.attn_scores(q, k), reference(q, k), dims=DIMS)


@test(
    "heads are independent: head 1 of q is 10 times larger than the others (batch=2, q_pos=4, k_pos=5, head=3, d_head=6)"
)
def heads_independent():
    # Only head 1's scores should grow; mixing or summing heads spreads the large values around.
    q, k = rand(2, 4, 3, 6), rand(2, 5, 3, 6)
    q[:, :, 1] *= 10.0
    expect_tensor(learner.attn_scores(q, k), reference(q, k), dims=DIMS)


@test("float32 inputs give a float32 result (batch=2, q_pos=5, k_pos=7, head=3, d_head=16)")
def float32():
    q, k = rand(2, 5, 3, 16, dtype=torch.float32), rand(2, 7, 3, 16, dtype=torch.float32)
    expect_tensor(learner.attn_scores(q, k), reference(q, k), dims=DIMS)
