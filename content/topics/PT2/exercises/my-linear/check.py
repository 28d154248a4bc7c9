import math

import torch
import torch.nn.functional as F

from grader.checks import test, learner, remote, expect, expect_equal, expect_tensor


@remote
def parameter_shapes(in_features, out_features, bias):
    layer = MyLinear(in_features, out_features, bias=bias)
    return [(name, list(p.shape)) for name, p in layer.named_parameters()]


@remote
def bias_attribute_is_none(in_features, out_features):
    return MyLinear(in_features, out_features, bias=False).bias is None


@remote
def load_and_forward(in_features, out_features, state, x):
    layer = MyLinear(in_features, out_features, bias="bias" in state)
    layer.load_state_dict(state)
    return layer(x)


@remote
def initial_parameters(in_features, out_features):
    layer = MyLinear(in_features, out_features)
    return [p.detach().clone() for p in layer.parameters()]


@test("named_parameters: names, shapes and order as nn.Linear(7, 4): weight (4, 7), then bias (4,)")
def names():
    expect_equal(
        learner.run(parameter_shapes, 7, 4, True),
        [("weight", [4, 7]), ("bias", [4])],
        name="[(name, shape) for name, p in MyLinear(7, 4).named_parameters()]",
    )


@test("bias=False: only the weight is a parameter, and .bias is None")
def no_bias():
    expect_equal(
        learner.run(parameter_shapes, 7, 4, False),
        [("weight", [4, 7])],
        name="[(name, shape) for name, p in MyLinear(7, 4, bias=False).named_parameters()]",
    )
    expect(learner.run(bias_attribute_is_none, 7, 4) is True, "MyLinear(7, 4, bias=False).bias should be None.")


@test("output equals F.linear after load_state_dict: in=5, out=3, input (2, 6, 5)")
def forward():
    state = {"weight": torch.randn(3, 5), "bias": torch.randn(3)}
    x = torch.randn(2, 6, 5)
    expect_tensor(
        learner.run(load_and_forward, 5, 3, state, x),
        F.linear(x, state["weight"], state["bias"]),
        name="MyLinear(5, 3) on x (2, 6, 5)",
        dims="(2, 6, out_features)",
    )


@test("output without bias, and a 1-D input: in=6, out=2, input (6,)")
def forward_no_bias():
    state = {"weight": torch.randn(2, 6)}
    x = torch.randn(6)
    expect_tensor(
        learner.run(load_and_forward, 6, 2, state, x),
        F.linear(x, state["weight"]),
        name="MyLinear(6, 2, bias=False) on x (6,)",
        dims="(out_features,)",
    )


@test("initial values of a 512 x 512 layer: uniform on [-1/sqrt(512), 1/sqrt(512)]")
def init():
    got = learner.run(initial_parameters, 512, 512)
    expect(isinstance(got, list) and len(got) == 2, "Expected two parameters (weight and bias).")
    bound = 1 / math.sqrt(512)
    for name, p in zip(("weight", "bias"), got):
        expect(p.dtype == torch.float32, f"The {name} should be float32 (the default dtype); got {p.dtype}.")
        expect(
            p.abs().max().item() <= bound * (1 + 1e-6),
            f"The largest |{name}| entry is {p.abs().max().item():.4g}; the bound is 1/sqrt(512) = {bound:.4g}.",
        )
        expect(
            p.abs().max().item() >= 0.9 * bound,
            f"The largest |{name}| entry is {p.abs().max().item():.4g}; a uniform sample on ±{bound:.4g} of this "
            "size reaches near the bound.",
        )
    w = got[0].double()
    # For uniform(-c, c): E[x^2] = c^2/3, Var[x^2] = 4c^4/45; 5 standard errors of the sample mean of x^2.
    ms, target = (w**2).mean().item(), bound**2 / 3
    se = math.sqrt(4 / 45) * bound**2 / math.sqrt(w.numel())
    expect(
        abs(ms - target) <= 5 * se,
        f"The weights' mean square is {ms:.4g}; uniform on ±1/sqrt(512) gives {target:.4g} (allowed ±{5 * se:.2g}).",
    )


@remote
def initial_parameters_seeded(in_features, out_features):
    import torch

    torch.manual_seed(1234)
    layer = MyLinear(in_features, out_features)
    return [p.detach().clone() for p in layer.parameters()]


@test("initial values of a non-square 300 -> 40 layer: bound 1/sqrt(in_features), centred on 0")
def init_non_square():
    got = learner.run(initial_parameters_seeded, 300, 40)
    expect(isinstance(got, list) and len(got) == 2, "Expected two parameters (weight and bias).")
    bound = 1 / math.sqrt(300)
    for name, p in zip(("weight", "bias"), got):
        top = p.abs().max().item()
        expect(
            top <= bound * (1 + 1e-6),
            f"The largest |{name}| entry of MyLinear(300, 40) is {top:.4g}; the bound is "
            f"1/sqrt(in_features) = {bound:.4g}.",
        )
        # 12 000 weights all below 0.9 of the bound has probability 0.9^12000: a wrong bound, not bad luck.
        expect(
            name == "bias" or top >= 0.9 * bound,
            f"The largest |weight| entry of MyLinear(300, 40) is {top:.4g}; "
            f"a uniform sample on ±1/sqrt(in_features) = ±{bound:.4g} of this size reaches near the bound.",
        )
        negative = (p < 0).double().mean().item()
        # Half the entries are negative; 5 standard errors of a proportion over p.numel() draws.
        allowed = 5 * math.sqrt(0.25 / p.numel())
        expect(
            abs(negative - 0.5) <= allowed,
            f"{negative:.0%} of the {name} entries are negative; uniform on "
            f"[-{bound:.3g}, {bound:.3g}] makes about half of them negative (allowed ±{allowed:.0%}).",
        )


@remote
def two_layers(in_features, out_features):
    import torch

    torch.manual_seed(7)
    first = MyLinear(in_features, out_features).weight.detach().clone()
    second = MyLinear(in_features, out_features).weight.detach().clone()
    return bool(torch.equal(first, second))


@test("two layers built one after the other start from different weights (no seeding inside)")
def layers_differ():
    same = learner.run(two_layers, 6, 5)
    expect(
        not same,
        "Two MyLinear(6, 5) layers built one after the other have identical weights: don't call "
        "torch.manual_seed inside the module; the caller seeds once.",
    )


@remote
def gradients(in_features, out_features, state, x):
    layer = MyLinear(in_features, out_features)
    layer.load_state_dict(state)
    (layer(x) ** 2).sum().backward()
    return [None if p.grad is None else p.grad for p in (layer.weight, layer.bias)]


@test("gradients reach weight and bias: the loss sum(y^2) on x (2, 3, 5), in=5, out=4")
def grads_flow():
    state = {"weight": torch.randn(4, 5), "bias": torch.randn(4)}
    x = torch.randn(2, 3, 5)
    got = learner.run(gradients, 5, 4, state, x)
    w, b = state["weight"].clone().requires_grad_(True), state["bias"].clone().requires_grad_(True)
    (F.linear(x, w, b) ** 2).sum().backward()
    for name, g, expected in zip(("weight", "bias"), got, (w.grad, b.grad)):
        expect(
            g is not None,
            f"After backward, layer.{name}.grad is None: forward cut the {name} out of the graph "
            "(`.data`, `.detach()` or a copy). Use the parameter itself in forward.",
        )
        expect_tensor(g, expected, name=f"layer.{name}.grad after backward of sum(y ** 2)", dims=f"like {name}")
