import torch
from hypothesis import given, settings, strategies as st
from grader.checks import test, learner, expect_tensor


def reference(grad, shape):
    # Autograd on the broadcast itself.
    x = torch.zeros(shape, dtype=grad.dtype, requires_grad=True)
    (x.expand(grad.shape) * grad).sum().backward()
    return x.grad


def check(shape, grad_shape):
    grad = torch.randn(tuple(grad_shape), dtype=torch.float64)  # rand() needs at least one size
    expect_tensor(
        learner.unbroadcast(grad, tuple(shape)),
        reference(grad, tuple(shape)),
        dims=f"{tuple(shape)}, the `shape` argument",
    )


@test("the worked example: (3, 1) broadcast to (2, 3, 4)")
def worked_example():
    check((3, 1), (2, 3, 4))


@test("a bias: (5,) broadcast to (4, 5)")
def bias():
    check((5,), (4, 5))


@test("nothing was broadcast: (2, 3) to (2, 3) returns grad unchanged")
def identity():
    check((2, 3), (2, 3))


@test("a scalar, shape (), broadcast to (3, 2)")
def scalar():
    check((), (3, 2))


@test("size-1 axis at a different position: (1, 5) broadcast to (4, 2, 5)")
def shifted_axis():
    check((1, 5), (4, 2, 5))


@test("two size-1 axes and two new leading axes: (1, 3, 1) broadcast to (2, 4, 2, 3, 5)")
def many():
    check((1, 3, 1), (2, 4, 2, 3, 5))


@test("property: 60 random broadcast pairs (hypothesis)")
def random_pairs():
    @settings(derandomize=True, deadline=None, database=None, max_examples=60)
    @given(st.lists(st.tuples(st.integers(1, 4), st.booleans()), max_size=3), st.lists(st.integers(1, 3), max_size=2))
    def prop(axes, leading):
        # Each axis of x: a size, and whether x has size 1 there (broadcast to that size).
        if failures:
            return
        shape = tuple(1 if ones else size for size, ones in axes)
        grad_shape = tuple(leading) + tuple(size for size, _ in axes)
        try:
            check(shape, grad_shape)
        except Exception as failure:  # report the first failing pair as it is, not hypothesis's summary
            failures.append(failure)

    failures = []
    prop()
    if failures:
        raise failures[0]
