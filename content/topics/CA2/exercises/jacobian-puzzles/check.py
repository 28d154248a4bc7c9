import torch
from torch.autograd.functional import jacobian
from grader.checks import test, learner, expect_tensor, rand


def cumsum_op(x):
    return torch.cumsum(x, dim=0)


def running_mean_op(w):
    def op(x):
        padded = torch.cat([x.new_zeros(w - 1), x])
        return padded.unfold(0, w, 1).sum(dim=1) / w

    return op


def slice_op(start, length):
    return lambda x: x[start : start + length]


def reference(op, n):
    return jacobian(op, rand(n))


# Entries 1/w built in float32 and then converted (torch.where(mask, 1.0 / w, 0.0).double()) are off by
# ~1e-8: right structure, float32 rounding. This exercise is about the structure, so allow that.
MEAN_TOL = dict(rtol=1e-6, atol=1e-9)


@test("jac_cumsum: n = 3 (the worked example) and n = 7")
def cumsum():
    for n in (3, 7):
        expect_tensor(learner.jac_cumsum(n), reference(cumsum_op, n), dims=f"(n, n) = ({n}, {n})")


@test("jac_running_mean: the worked example, n = 4, w = 2")
def running_mean_example():
    expect_tensor(learner.jac_running_mean(4, 2), reference(running_mean_op(2), 4), dims="(n, n) = (4, 4)", **MEAN_TOL)


@test("jac_running_mean: n = 9 with w = 3, and n = 6 with w = 1 (the identity)")
def running_mean_more():
    expect_tensor(learner.jac_running_mean(9, 3), reference(running_mean_op(3), 9), dims="(n, n) = (9, 9)", **MEAN_TOL)
    expect_tensor(learner.jac_running_mean(6, 1), reference(running_mean_op(1), 6), dims="(n, n) = (6, 6)")


@test("jac_slice: the worked example, n = 4, start = 1, length = 2")
def slice_example():
    expect_tensor(learner.jac_slice(4, 1, 2), reference(slice_op(1, 2), 4), dims="(length, n) = (2, 4)")


@test("jac_slice: n = 10, start = 3, length = 5; and the whole vector, n = 4, start = 0, length = 4")
def slice_more():
    expect_tensor(learner.jac_slice(10, 3, 5), reference(slice_op(3, 5), 10), dims="(length, n) = (5, 10)")
    expect_tensor(learner.jac_slice(4, 0, 4), reference(slice_op(0, 4), 4), dims="(length, n) = (4, 4)")
