import torch

from grader.checks import test, learner, remote, expect, expect_equal, expect_tensor


@remote
def shapes(sizes):
    return [list(p.shape) for p in make_mlp(sizes).parameters()]


@remote
def distinct_storage(sizes):
    """How many parameters and how many different storages they use."""
    params = list(make_mlp(sizes).parameters())
    return [len(params), len({p.data_ptr() for p in params})]


@remote
def set_and_run(sizes, values, x):
    import torch

    model = make_mlp(sizes)
    with torch.no_grad():
        for p, v in zip(model.parameters(), values):
            p.copy_(v)
    return model(x)


def expected_shapes(sizes):
    out = []
    for i, o in zip(sizes[:-1], sizes[1:]):
        out += [[o, i], [o]]
    return out


def reference(sizes, values, x):
    h = x
    for k in range(len(sizes) - 1):
        h = h @ values[2 * k].T + values[2 * k + 1]
        if k < len(sizes) - 2:
            h = h.relu()
    return h


def random_values(sizes):
    return [torch.randn(s) / (s[-1] ** 0.5 if len(s) == 2 else 1) for s in expected_shapes(sizes)]


@test("parameter shapes in order for [3, 7, 5, 2]: (7, 3), (7,), (5, 7), (5,), (2, 5), (2,)")
def param_shapes():
    expect_equal(
        learner.run(shapes, [3, 7, 5, 2]),
        expected_shapes([3, 7, 5, 2]),
        name="[p.shape for p in make_mlp([3, 7, 5, 2]).parameters()]",
    )


@test("no shared layers: [4, 6, 6, 6, 3] has 8 parameters in 8 different tensors")
def not_shared():
    n, distinct = learner.run(distinct_storage, [4, 6, 6, 6, 3])
    expect(
        n == 8 and distinct == 8,
        f"make_mlp([4, 6, 6, 6, 3]) has {n} parameters in {distinct} different "
        "tensors; expected 8 and 8: build a new Linear for every layer.",
    )


@test("outputs match a reference MLP with the same parameters: [3, 7, 5, 2] on a (4, 9, 3) input")
def outputs():
    sizes = [3, 7, 5, 2]
    values, x = random_values(sizes), torch.randn(4, 9, 3)
    expect_tensor(
        learner.run(set_and_run, sizes, values, x),
        reference(sizes, values, x),
        name="make_mlp([3, 7, 5, 2]) on x (4, 9, 3)",
        dims="(4, 9, d_out)",
    )


@test("the network is not linear: f(2x) != 2 f(x), and the output can be negative ([2, 16, 16, 1])")
def nonlinear():
    sizes = [2, 16, 16, 1]
    values, x = random_values(sizes), torch.randn(64, 2)
    got = learner.run(set_and_run, sizes, values, torch.cat([x, 2 * x]))
    expect_tensor(
        got, reference(sizes, values, torch.cat([x, 2 * x])), name="make_mlp([2, 16, 16, 1])", dims="(128, 1)"
    )
    expect(
        not torch.allclose(got[64:], 2 * got[:64], atol=1e-5),
        "f(2x) equals 2 f(x) for every x: the network is linear. Put a ReLU between the Linear layers.",
    )


@test("a single layer: make_mlp([4, 3]) is one Linear with no ReLU (its output can be negative)")
def single_layer():
    sizes = [4, 3]
    expect_equal(
        learner.run(shapes, sizes), expected_shapes(sizes), name="[p.shape for p in make_mlp([4, 3]).parameters()]"
    )
    values, x = random_values(sizes), torch.randn(10, 4)
    expect_tensor(
        learner.run(set_and_run, sizes, values, x),
        reference(sizes, values, x),
        name="make_mlp([4, 3]) on x (10, 4)",
        dims="(10, 3)",
    )


@remote
def first_layer_grad(sizes, values, x):
    import torch

    model = make_mlp(sizes)
    with torch.no_grad():
        for p, v in zip(model.parameters(), values):
            p.copy_(v)
    out = model(x)
    if not out.requires_grad:
        return None
    out.pow(2).sum().backward()
    return [p.grad for p in model.parameters()]


@test("gradients flow back to every layer: backward of sum(f(x)^2) for [3, 7, 5, 2]")
def grads_flow():
    sizes = [3, 7, 5, 2]
    values, x = random_values(sizes), torch.randn(6, 3)
    got = learner.run(first_layer_grad, sizes, values, x)
    expect(
        got is not None,
        "The model's output does not require grad: its forward cut the graph (no_grad, "
        "`.detach()` or `.data`), so no parameter can train.",
    )
    leaves = [v.clone().requires_grad_(True) for v in values]
    reference(sizes, leaves, x).pow(2).sum().backward()
    for i, (g, leaf) in enumerate(zip(got, leaves)):
        name = f"the gradient of parameter {i} ({'weight' if i % 2 == 0 else 'bias'} of layer {i // 2})"
        expect(g is not None, f"{name} is None: that layer is cut out of the graph.")
        expect_tensor(g, leaf.grad, name=name, dims=f"{tuple(leaf.shape)}")


@remote
def sizes_after(sizes):
    kept = list(sizes)
    make_mlp(sizes)
    return sizes == kept, list(sizes)  # a copy: the driver must not hand back its own argument


@test("the caller's list of widths is left as it was ([5, 9, 4, 2])")
def sizes_unchanged():
    same, after = learner.run(sizes_after, [5, 9, 4, 2])
    expect(
        same,
        f"After make_mlp(sizes), the caller's list is {after}; it was [5, 9, 4, 2]. Don't pop from or "
        "change `sizes`: read it, or work on a copy.",
    )
