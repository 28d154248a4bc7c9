import torch

from grader.checks import test, learner, remote, expect, expect_equal, expect_tensor, fail


@remote
def count_parameters(nin, nouts):
    model = MLP(nin, nouts)
    return len(model.parameters())


@remote
def distinct_parameters(nin, nouts):
    """How many different Value objects parameters() holds."""
    return len({id(p) for p in MLP(nin, nouts).parameters()})


@remote
def initial_values(nin, nouts):
    import torch

    return torch.tensor([p.data for p in MLP(nin, nouts).parameters()], dtype=torch.float64)


@remote
def output_kinds():
    """What MLP returns: the class name for one output neuron, and for three."""
    one, three = MLP(2, [3, 1])([0.5, -1.0]), MLP(2, [3, 3])([0.5, -1.0])
    return [type(one).__name__, type(three).__name__, len(three) if isinstance(three, list) else None]


@remote
def forward_and_grads(nin, nouts, params, inputs):
    """Set the parameters, run every input, backprop the sum of all outputs; return outputs then grads."""
    import torch

    model = MLP(nin, nouts)
    ps = model.parameters()
    for p, value in zip(ps, params):
        p.data = value
    outs = []
    for x in inputs:
        y = model(x)
        outs += y if isinstance(y, list) else [y]
    total = outs[0]
    for o in outs[1:]:
        total = total + o
    total.backward()
    return torch.tensor([o.data for o in outs] + [p.grad for p in ps], dtype=torch.float64)


@remote
def neuron_outputs(w, b, inputs, nonlin):
    import torch

    n = Neuron(len(w), nonlin=nonlin)
    for p, value in zip(n.parameters(), w + [b]):
        p.data = value
    return torch.tensor([float(n(x).data) for x in inputs], dtype=torch.float64)


def n_params(nin, nouts):
    sizes = [nin] + nouts
    return sum(o * (i + 1) for i, o in zip(sizes[:-1], sizes[1:]))


def twin(nin, nouts, params, inputs):
    """The same network in torch: rows of W are neurons, each row w_1..w_nin then b in `params`."""
    p = torch.tensor(params, dtype=torch.float64, requires_grad=True)
    h, off, sizes = torch.tensor(inputs, dtype=torch.float64), 0, [nin] + nouts
    for k, (i, o) in enumerate(zip(sizes[:-1], sizes[1:])):
        block = p[off : off + o * (i + 1)].view(o, i + 1)
        off += o * (i + 1)
        h = h @ block[:, :i].T + block[:, i]
        if k < len(nouts) - 1:
            h = h.relu()
    h.sum().backward()
    return torch.cat([h.detach().reshape(-1), p.grad])


@test("Neuron: relu(w . x + b), and the plain sum with nonlin=False (nin = 3)")
def neuron():
    w, b = torch.randn(3, dtype=torch.float64).tolist(), 0.3
    inputs = torch.randn(6, 3, dtype=torch.float64).tolist()
    pre = torch.tensor(inputs, dtype=torch.float64) @ torch.tensor(w, dtype=torch.float64) + b
    expect_tensor(learner.run(neuron_outputs, w, b, inputs, False), pre, name="Neuron(3, nonlin=False)")
    expect_tensor(learner.run(neuron_outputs, w, b, inputs, True), pre.relu(), name="Neuron(3)")


@test("parameter counts: MLP(3, [4, 4, 1]) has 41, MLP(2, [5, 3]) has 33, MLP(4, [6, 2, 7]) has 65")
def counts():
    for nin, nouts in ((3, [4, 4, 1]), (2, [5, 3]), (4, [6, 2, 7])):
        expect_equal(
            learner.run(count_parameters, nin, nouts),
            n_params(nin, nouts),
            name=f"len(MLP({nin}, {nouts}).parameters())",
        )


@test("every parameter is its own Value object (no neuron or weight shared)")
def distinct():
    got = learner.run(distinct_parameters, 3, [4, 4, 1])
    expect(
        got == 41,
        f"MLP(3, [4, 4, 1]).parameters() holds {got} different Values; expected 41. "
        "Each neuron needs its own weights: build a new Neuron (and new Values) for every output.",
    )


@test("initial weights lie in [-1, 1] and differ; biases start at 0")
def init():
    got = learner.run(initial_values, 2, [16, 16, 1])
    expect(isinstance(got, torch.Tensor) and got.numel() == 337, "Could not read the initial parameters.")
    sizes, is_bias = [2, 16, 16, 1], []
    for i, o in zip(sizes[:-1], sizes[1:]):
        is_bias += ([False] * i + [True]) * o
    is_bias = torch.tensor(is_bias)
    w, b = got[~is_bias], got[is_bias]
    expect(
        bool((w.abs() <= 1).all()),
        f"A weight is {w.abs().max().item():.3g} in magnitude; weights come from random.uniform(-1, 1).",
    )
    expect(
        w.unique().numel() > 0.9 * w.numel(),
        "Many weights are equal; each should be its own random number (is `random.seed` called inside a constructor?).",
    )
    # 304 draws of U(-1, 1): the mean has sd 0.033, so |mean| > 0.2 (6 sd) or no weight beyond +-0.8 means a
    # different distribution (U(0, 1), say), not bad luck.
    expect(
        w.min().item() < -0.8 and w.max().item() > 0.8 and abs(w.mean().item()) < 0.2,
        f"The weights range from {w.min().item():.3g} to {w.max().item():.3g} with mean {w.mean().item():.3g}; "
        "uniform(-1, 1) spreads them over the whole interval, about half negative, with mean near 0.",
    )
    expect(bool((b == 0).all()), "Biases should start at 0.0.")


@test("MLP returns a single Value when the last layer has one neuron, and a list of Values otherwise")
def output_kind():
    got = learner.run(output_kinds)
    expect(
        got[0] == "Value",
        f"MLP(2, [3, 1])(x) returned a {got[0]}; with one output neuron it should return that "
        "Value itself, not a list.",
    )
    expect(
        got[1] == "list" and got[2] == 3,
        f"MLP(2, [3, 3])(x) returned a {got[1]} (length {got[2]}); expected a list of 3 Values.",
    )


@test("forward and backward match a torch twin: MLP(3, [4, 5, 2]) on 6 inputs, the last layer linear")
def twin_small():
    nin, nouts = 3, [4, 5, 2]
    params = (torch.randn(n_params(nin, nouts), dtype=torch.float64) * 0.8).tolist()
    inputs = torch.randn(6, nin, dtype=torch.float64).tolist()
    got = learner.run(forward_and_grads, nin, nouts, params, inputs)
    want = twin(nin, nouts, params, inputs)
    expect(
        isinstance(got, torch.Tensor) and got.shape == want.shape,
        f"Expected {6 * 2} outputs and {len(params)} gradients from MLP(3, [4, 5, 2]); got {got!r}.",
    )
    expect_tensor(got[:12], want[:12], name="outputs of MLP(3, [4, 5, 2]) on 6 inputs, in order", rtol=1e-9, atol=1e-12)
    expect_tensor(
        got[12:],
        want[12:],
        name="parameter grads (d sum of outputs / d p, in parameters() order)",
        rtol=1e-9,
        atol=1e-12,
    )


@test("forward and backward match a torch twin: MLP(2, [6, 3, 1]), one output per input")
def twin_scalar():
    nin, nouts = 2, [6, 3, 1]
    params = (torch.randn(n_params(nin, nouts), dtype=torch.float64) * 0.8).tolist()
    inputs = torch.randn(5, nin, dtype=torch.float64).tolist()
    expect_tensor(
        learner.run(forward_and_grads, nin, nouts, params, inputs),
        twin(nin, nouts, params, inputs),
        name="outputs (5) then parameter grads (31) of MLP(2, [6, 3, 1])",
        rtol=1e-9,
        atol=1e-12,
    )
