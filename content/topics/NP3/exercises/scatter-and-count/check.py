import torch
from grader.checks import test, learner, expect_tensor, rand

# Independent references: plain loops.


def ref_one_hot(labels, C):
    out = torch.zeros(len(labels), C, dtype=torch.int64)
    for i, c in enumerate(labels.tolist()):
        out[i, c] = 1
    return out


def ref_bincount(x, n):
    out = [0] * n
    for v in x.tolist():
        out[v] += 1
    return torch.tensor(out, dtype=torch.int64)


def ref_segment_sum(values, seg, n):
    out = torch.zeros(n, values.shape[1], dtype=values.dtype)
    for i, s in enumerate(seg.tolist()):
        out[s] = out[s] + values[i]
    return out


@test("one_hot: the worked example (N=3, C=4)")
def one_hot_example():
    labels = torch.tensor([2, 0, 2])
    expect_tensor(learner.one_hot(labels, 4), ref_one_hot(labels, 4), dims="(N, C)")


@test("one_hot: random labels, N=9, C=5 (more rows than classes)")
def one_hot_random():
    labels = torch.randint(0, 5, (9,))
    expect_tensor(learner.one_hot(labels, 5), ref_one_hot(labels, 5), dims="(N, C)")


@test("bincount: the worked example, with a value repeated three times")
def bincount_example():
    x = torch.tensor([1, 1, 3, 1, 0])
    expect_tensor(learner.bincount(x, 5), ref_bincount(x, 5), dims="(n,)")


@test("bincount: 40 random values in [0, 6) with n = 9 (the top bins are empty)")
def bincount_random():
    x = torch.randint(0, 6, (40,))
    expect_tensor(learner.bincount(x, 9), ref_bincount(x, 9), dims="(n,)")


@test("segment_sum: the worked example (N=3, D=2, n=4, with empty segments)")
def segment_example():
    values = torch.tensor([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
    seg = torch.tensor([2, 0, 2])
    expect_tensor(learner.segment_sum(values, seg, 4), ref_segment_sum(values, seg, 4), dims="(n, D)")


@test("segment_sum: random float64, N=12, D=3, n=7, segments in [0, 5)")
def segment_random():
    values, seg = rand(12, 3), torch.randint(0, 5, (12,))
    expect_tensor(learner.segment_sum(values, seg, 7), ref_segment_sum(values, seg, 7), dims="(n, D)")
