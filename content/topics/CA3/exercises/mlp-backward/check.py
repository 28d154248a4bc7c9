import torch
from grader.checks import test, learner, expect, expect_tensor, rand

NAMES = ("W1", "b1", "W2", "b2")


def reference(x, W1, b1, W2, b2, y):
    params = [p.detach().clone().requires_grad_(True) for p in (W1, b1, W2, b2)]
    w1, c1, w2, c2 = params
    out = torch.relu(x @ w1.T + c1) @ w2.T + c2
    loss = ((out - y) ** 2).mean()
    return dict(zip(NAMES, torch.autograd.grad(loss, params)))


def network(batch, d_in, hidden, d_out, dtype=torch.float64):
    x, y = rand(batch, d_in, dtype=dtype), rand(batch, d_out, dtype=dtype)
    W1, b1 = rand(hidden, d_in, dtype=dtype) / d_in**0.5, rand(hidden, dtype=dtype) * 0.5
    W2, b2 = rand(d_out, hidden, dtype=dtype) / hidden**0.5, rand(d_out, dtype=dtype) * 0.5
    return x, W1, b1, W2, b2, y


def check(args, sizes):
    got = learner.mlp_backward(*args)
    expect(
        isinstance(got, dict) and set(got) == set(NAMES),
        f"`mlp_backward` should return a dict with the keys W1, b1, W2, b2; got "
        + (f"keys {sorted(got)}." if isinstance(got, dict) else f"a {type(got).__name__}."),
    )
    ref = reference(*args)
    params = dict(zip(NAMES, (args[1], args[2], args[3], args[4])))
    for name in NAMES:
        expect_tensor(
            got[name],
            ref[name],
            name=f"mlp_backward(...)['{name}']",
            dims=f"{tuple(params[name].shape)}, the shape of {name} ({sizes})",
        )


@test("the worked example: batch 1, d_in 1, hidden 2, d_out 1")
def worked_example():
    d = torch.float64
    args = (
        torch.tensor([[1.0]], dtype=d),
        torch.tensor([[1.0], [-1.0]], dtype=d),
        torch.zeros(2, dtype=d),
        torch.tensor([[2.0, 3.0]], dtype=d),
        torch.zeros(1, dtype=d),
        torch.zeros(1, 1, dtype=d),
    )
    check(args, "batch 1, d_in 1, hidden 2, d_out 1")


@test("random float64 network: batch 5, d_in 3, hidden 7, d_out 2")
def random_small():
    check(network(5, 3, 7, 2), "batch 5, d_in 3, hidden 7, d_out 2")


@test("random float64 network: batch 8, d_in 6, hidden 4, d_out 3 (hidden smaller than d_in)")
def random_other():
    check(network(8, 6, 4, 3), "batch 8, d_in 6, hidden 4, d_out 3")


@test("a dead unit: hidden unit 0 is negative for every input, so its weights get zero gradient")
def dead_unit():
    x, W1, b1, W2, b2, y = network(6, 4, 5, 2)
    b1[0] = -100.0
    check((x, W1, b1, W2, b2, y), "batch 6, d_in 4, hidden 5, d_out 2")


@test("pre-activations exactly 0 (an all-zero input row, zero biases): ReLU'(0) = 0 there")
def exactly_zero():
    x, W1, b1, W2, b2, y = network(4, 3, 6, 2)
    x[1] = 0.0
    b1[[0, 2, 5]] = 0.0  # so A[1, 0], A[1, 2] and A[1, 5] are exactly 0
    check((x, W1, b1, W2, b2, y), "batch 4, d_in 3, hidden 6, d_out 2")


@test("float32 network gives float32 gradients: batch 9, d_in 5, hidden 11, d_out 3")
def float32():
    check(network(9, 5, 11, 3, dtype=torch.float32), "batch 9, d_in 5, hidden 11, d_out 3")
