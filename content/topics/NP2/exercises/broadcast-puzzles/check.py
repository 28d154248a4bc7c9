import torch
from grader.checks import test, learner, expect_tensor, rand

# Independent references: torch's own functions (banned for the learner) or plain loops.


def ref_seq_mask(lengths, max_len):
    return torch.tensor([[j < n for j in range(max_len)] for n in lengths.tolist()], dtype=torch.bool).reshape(
        len(lengths), max_len
    )


@test("eye: n = 1, 3 and 6")
def eye_cases():
    for n in (1, 3, 6):
        expect_tensor(learner.eye(n), torch.eye(n, dtype=torch.int64), dims="(n, n)")


@test("triu: n = 1, 3 and 5, ones on and above the diagonal")
def triu_cases():
    for n in (1, 3, 5):
        expect_tensor(learner.triu(n), torch.ones(n, n, dtype=torch.int64).triu(), dims="(n, n)")


@test("flip: random float64 of length 7, int64 [1, 2, 3, 4], and length 1")
def flip_cases():
    for x in (rand(7), torch.tensor([1, 2, 3, 4]), torch.tensor([5.0])):
        expect_tensor(learner.flip(x), x.flip(0), dims="(n,)")


@test("diff: the worked example, random float64 of length 9, and length 2")
def diff_cases():
    for x in (torch.tensor([1, 4, 9, 16]), rand(9), torch.tensor([2.0, -1.0])):
        expect_tensor(learner.diff(x), torch.diff(x), dims="(n - 1,)")


@test("sequence_mask: the worked example (B=3, max_len=5)")
def seq_example():
    lengths = torch.tensor([3, 0, 5])
    expect_tensor(learner.sequence_mask(lengths, 5), ref_seq_mask(lengths, 5), dims="(B, max_len)")


@test("sequence_mask: random lengths, B=6, max_len=9")
def seq_random():
    lengths = torch.randint(0, 10, (6,))
    expect_tensor(learner.sequence_mask(lengths, 9), ref_seq_mask(lengths, 9), dims="(B, max_len)")


@test("sequence_mask: max_len larger than every length (padding past the longest), B=4, max_len=7")
def seq_wide():
    lengths = torch.tensor([2, 0, 4, 1])
    expect_tensor(learner.sequence_mask(lengths, 7), ref_seq_mask(lengths, 7), dims="(B, max_len)")


@test("pairwise_sq_dist: the worked example (n=2, m=3, d=2)")
def dist_example():
    a = torch.tensor([[0.0, 0.0], [1.0, 1.0]])
    b = torch.tensor([[1.0, 0.0], [3.0, 4.0], [0.0, 0.0]])
    expect_tensor(learner.pairwise_sq_dist(a, b), torch.cdist(a, b) ** 2, dims="(n, m)")


@test("pairwise_sq_dist: random float64, n=4, m=6, d=5")
def dist_random():
    a, b = rand(4, 5), rand(6, 5)
    ref = ((a.unsqueeze(1) - b.unsqueeze(0)) ** 2).sum(dim=2)
    expect_tensor(learner.pairwise_sq_dist(a, b), ref, dims="(n, m)")
