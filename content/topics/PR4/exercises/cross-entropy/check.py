import torch
import torch.nn.functional as F
from grader.checks import test, learner, expect_tensor, rand

NEG_INF = float("-inf")


def ref_log_softmax(x, dim):
    return F.log_softmax(x, dim=dim)


def ref_ce(logits, targets):
    return F.cross_entropy(logits, targets, reduction="none")


@test("log_softmax: random float64 logits, shape (4, 7), dim = -1")
def lsm_random():
    x = 2 * rand(4, 7)
    expect_tensor(learner.log_softmax(x, -1), ref_log_softmax(x, -1), dims="(4, 7), the shape of x")


@test("log_softmax: shape (3, 5, 2), dim = 1 (each (i, :, k) slice is one distribution)")
def lsm_dim1():
    x = 2 * rand(3, 5, 2)
    expect_tensor(learner.log_softmax(x, 1), ref_log_softmax(x, 1), dims="(3, 5, 2), the shape of x")


@test("log_softmax: logits of size 1000 (rows with one dominant logit and rows around -1000)")
def lsm_huge():
    x = rand(3, 6)
    x[0, 2] = 1000.0
    x[1] -= 1000
    x[2] = 500 * x[2]
    expect_tensor(learner.log_softmax(x, -1), ref_log_softmax(x, -1), dims="(3, 6)")


@test("cross_entropy: the worked example, logits (2, 1, 0) target 0 and (1000, 0, -1000) target 2")
def ce_example():
    logits = torch.tensor([[2.0, 1.0, 0.0], [1000.0, 0.0, -1000.0]], dtype=torch.float64)
    targets = torch.tensor([0, 2])
    expect_tensor(learner.cross_entropy(logits, targets), ref_ce(logits, targets), dims="(batch,) = (2,)")


@test("cross_entropy: random logits, batch = 6, classes = 11, random targets")
def ce_random():
    logits, targets = 2 * rand(6, 11), torch.randint(0, 11, (6,))
    expect_tensor(learner.cross_entropy(logits, targets), ref_ce(logits, targets), dims="(batch,) = (6,)")


@test("cross_entropy: magnitudes of 1e3, batch = 5, classes = 4")
def ce_huge():
    logits, targets = 1000 * rand(5, 4), torch.randint(0, 4, (5,))
    expect_tensor(learner.cross_entropy(logits, targets), ref_ce(logits, targets), dims="(batch,) = (5,)")


@test("cross_entropy: -inf logits in classes that are not the target (batch = 4, classes = 6)")
def ce_masked():
    logits = 2 * rand(4, 6)
    targets = torch.tensor([0, 5, 2, 3])
    logits[0, 1:] = NEG_INF  # only the target is left: loss 0
    logits[1, [0, 2]] = NEG_INF
    logits[2, 3:] = NEG_INF
    logits[3, 0] = NEG_INF
    expect_tensor(learner.cross_entropy(logits, targets), ref_ce(logits, targets), dims="(batch,) = (4,)")


@test("cross_entropy: float32 logits give a float32 result (batch = 3, classes = 8)")
def ce_float32():
    logits, targets = 3 * rand(3, 8, dtype=torch.float32), torch.randint(0, 8, (3,))
    expect_tensor(learner.cross_entropy(logits, targets), ref_ce(logits, targets), dims="(batch,) = (3,)")
