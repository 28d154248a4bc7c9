import torch
from grader.checks import test, learner, expect_tensor, rand


def ref_pick(logprobs, targets):
    return torch.stack([logprobs[b, t] for b, t in enumerate(targets.tolist())])


def ref_select(h, pos):
    return torch.stack([torch.stack([h[b, p] for p in row]) for b, row in enumerate(pos.tolist())])


def log_softmax_rows(b, v):
    return torch.log_softmax(rand(b, v, scale=2.0), dim=1)


@test("pick: the worked example (B=2, V=3)")
def pick_example():
    logp = torch.tensor([[-0.4, -1.2, -2.3], [-1.6, -0.3, -2.0]])
    t = torch.tensor([2, 1])
    expect_tensor(learner.pick(logp, t), ref_pick(logp, t), dims="(B,)")


@test("pick: random float64, B=5, V=7, targets include 0 and V-1")
def pick_random():
    logp = log_softmax_rows(5, 7)
    t = torch.randint(0, 7, (5,))
    t[0], t[-1] = 0, 6
    expect_tensor(learner.pick(logp, t), ref_pick(logp, t), dims="(B,)")


@test("pick: B=6 rows, V=3 classes (more rows than classes)")
def pick_tall():
    logp = log_softmax_rows(6, 3)
    t = torch.randint(0, 3, (6,))
    expect_tensor(learner.pick(logp, t), ref_pick(logp, t), dims="(B,)")


@test("pick: a batch of one (B=1, V=4) still gives shape (1,)")
def pick_single():
    logp = log_softmax_rows(1, 4)
    t = torch.tensor([3])
    expect_tensor(learner.pick(logp, t), ref_pick(logp, t), dims="(B,)")


@test("select_positions: the worked example (B=2, T=5, D=4, K=2)")
def select_example():
    h = torch.arange(40.0).reshape(2, 5, 4)
    pos = torch.tensor([[4, 0], [1, 1]])
    expect_tensor(learner.select_positions(h, pos), ref_select(h, pos), dims="(B, K, D)")


@test("select_positions: random float64, B=3, T=6, D=4, K=5 with repeats")
def select_random():
    h, pos = rand(3, 6, 4), torch.randint(0, 6, (3, 5))
    expect_tensor(learner.select_positions(h, pos), ref_select(h, pos), dims="(B, K, D)")


@test("select_positions: K=8 > T=3, D=2, B=4")
def select_many():
    h, pos = rand(4, 3, 2), torch.randint(0, 3, (4, 8))
    expect_tensor(learner.select_positions(h, pos), ref_select(h, pos), dims="(B, K, D)")
