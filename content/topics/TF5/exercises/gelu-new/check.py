import torch
import torch.nn.functional as F

from grader.checks import test, learner, expect, expect_tensor, rand


def reference(x):
    return F.gelu(x, approximate="tanh")


@test("float64 random inputs of shape (2, 11, 33), spread N(0, 3^2): equals F.gelu(x, approximate='tanh') to ~1e-12")
def random_float64():
    x = rand(2, 11, 33, scale=3.0)
    expect_tensor(learner.gelu_new(x), reference(x), name="gelu_new(x)", dims="(2, 11, 33), the input's shape")


@test("hand-picked values: -3, -1, -0.5, 0, 0.5, 1, 2 (the table in the statement)")
def known_values():
    x = torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.5, 1.0, 2.0], dtype=torch.float64)
    expect_tensor(learner.gelu_new(x), reference(x), name="gelu_new(x)", dims="(7,)")


@test("float32 in, float32 out: shape (5, 7), values N(0, 2^2)")
def float32():
    x = rand(5, 7, dtype=torch.float32, scale=2.0)
    expect_tensor(learner.gelu_new(x), reference(x), name="gelu_new(x)", dims="(5, 7)")


@test("any shape: a 0-dimensional tensor and a 4-dimensional one (3, 1, 4, 2)")
def shapes():
    x0 = torch.tensor(0.7, dtype=torch.float64)
    expect_tensor(learner.gelu_new(x0), reference(x0), name="gelu_new(x) on a 0-d x", dims="(), a 0-d tensor")
    x4 = rand(3, 1, 4, 2)
    expect_tensor(learner.gelu_new(x4), reference(x4), name="gelu_new(x)", dims="(3, 1, 4, 2)")


@test("a non-contiguous input (a transposed view of a (6, 9) tensor)")
def non_contiguous():
    x = rand(6, 9, scale=2.0).T
    expect_tensor(learner.gelu_new(x), reference(x), name="gelu_new(x.T)", dims="(9, 6)")


@test("large inputs in float32 and float64: +-30, +-100, +-1000 give x and -0 (no NaN, no inf)")
def large_inputs():
    for dtype in (torch.float32, torch.float64):
        x = torch.tensor([-1000.0, -100.0, -30.0, 30.0, 100.0, 1000.0], dtype=dtype)
        got = learner.gelu_new(x)
        if isinstance(got, torch.Tensor) and got.shape == x.shape and got.is_floating_point():
            bad = ~torch.isfinite(got)
            expect(
                not bad.any(),
                f"gelu_new gave {got.tolist()} for x = {x.tolist()} ({dtype}); NaN or inf at "
                f"x = {x[bad].tolist()}. Large inputs should give x (positive) or 0 (negative).",
                got=got,
            )
        expect_tensor(got, reference(x), name="gelu_new(x)", dims="(6,)")
