import dataclasses

import torch

import gpt2_reference as ref
import tf_modules
from grader import compare
from grader.checks import test, learner, remote, expect, expect_equal, expect_tensor, rand, fail

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"
NAME = "LayerNorm(cfg)(x)"
F64 = dict(rtol=1e-8, atol=1e-10)  # float64: far tighter than any convention slip, looser than rounding


@remote
def initial_parameters(cfg):
    model = LayerNorm(Config(**cfg))
    return [[name, p.detach().clone()] for name, p in model.named_parameters()]


@remote
def changes_its_input(cfg, state, x):
    import torch

    model = LayerNorm(Config(**cfg)).to(x.dtype)
    model.load_state_dict(state, strict=False)
    before = x.clone()
    with torch.no_grad():
        model(x)
    return not torch.equal(before, x)


def cfg_dict(**changes):
    return dataclasses.asdict(dataclasses.replace(CFG, **changes))


def ln_state(seed, dtype=torch.float64):
    # w ~ N(1, 0.5^2) and b ~ N(0, 0.5^2): far from the ones and zeros a forgotten parameter would leave.
    full = ref.random_state_dict(CFG, seed=seed, dtype=dtype)
    return {"w": full["blocks.0.ln1.w"], "b": full["blocks.0.ln1.b"]}


def reference(state, x, eps=CFG.eps):
    # gpt2_reference's layer_norm (proven equal to TransformerLens's), computed in float64, cast back.
    return ref.layer_norm(x.double(), state["w"].double(), state["b"].double(), eps).to(x.dtype)


def run(state, x, **changes):
    return tf_modules.run_module("LayerNorm", cfg_dict(**changes), state, x)


@test("parameters: w then b, each of shape (d_model=20,), starting at ones and zeros")
def parameters():
    got = learner.run(initial_parameters, cfg_dict())
    expect_equal(
        [[name, list(p.shape)] for name, p in got],
        [["w", [20]], ["b", [20]]],
        name="[[name, shape] for name, p in LayerNorm(cfg).named_parameters()]",
    )
    expect(
        torch.equal(got[0][1], torch.ones(20)) and torch.equal(got[1][1], torch.zeros(20)),
        "w should start as ones and b as zeros (float32), so that a new LayerNorm only normalises.",
    )


@test("float64: random w ~ N(1, 0.5), b ~ N(0, 0.5), x (2, 11, 20) with a mean offset")
def float64():
    state, x = ln_state(1), rand(2, 11, 20) * 2 + 0.7
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS, **F64)


@test("float32 weights and input: float32 output (rtol 1e-4)")
def float32():
    state, x = ln_state(2, torch.float32), rand(2, 11, 20, dtype=torch.float32) * 2 + 0.7
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


@test("eps = 0.1 from the config (Config(eps=0.1), float64)")
def big_eps():
    state, x = ln_state(3), rand(2, 11, 20)
    expect_tensor(
        run(state, x, eps=0.1), reference(state, x, eps=0.1), name=NAME + " with cfg.eps = 0.1", dims=DIMS, **F64
    )


@test("vectors with a tiny spread (std 1e-3, smaller than sqrt(eps)): eps must sit inside the square root")
def small_spread():
    state, x = ln_state(4), 2.0 + 1e-3 * rand(2, 11, 20)
    expect_tensor(run(state, x), reference(state, x), name=NAME + " for x = 2 + 0.001 * noise", dims=DIMS, **F64)


@test("constant vectors (all entries equal, so var = 0) give exactly b, with no NaN")
def constant_vectors():
    state = ln_state(5)
    levels = torch.tensor([-2.0, 0.0, 0.5, 3.0, 7.25], dtype=torch.float64)
    x = levels[torch.randint(0, 5, (2, 11))].unsqueeze(-1).expand(2, 11, 20).contiguous()
    expect_tensor(run(state, x), reference(state, x), name=NAME + " for constant vectors", dims=DIMS, **F64)


@test("each position is normalised on its own: changing sequence 1 and position 4 of sequence 0 leaves the rest")
def positions_independent():
    state, x = ln_state(6), rand(2, 11, 20)
    before = run(state, x)
    expect(
        isinstance(before, torch.Tensor) and list(before.shape) == [2, 11, 20],
        f"{NAME} should return shape (2, 11, 20), that is {DIMS}.",
        got=before,
    )
    changed = x.clone()
    changed[1] = 3 * rand(11, 20) - 1
    changed[0, 4] += 5
    after = run(state, changed)
    keep = [p for p in range(11) if p != 4]
    expect(
        isinstance(after, torch.Tensor)
        and after.shape == before.shape
        and torch.allclose(after[0, keep], before[0, keep], rtol=1e-12, atol=1e-12),
        "Changing the input of sequence 1, and of position 4 in sequence 0, changed your output at other positions "
        "of sequence 0. LayerNorm normalises each position's vector over d_model only (the last axis); nothing "
        "should mix across positions or across the batch.",
        got=after,
    )


@test("the input x is left unchanged (no in-place centring)")
def input_unchanged():
    state, x = ln_state(7), rand(2, 11, 20) + 1.5
    expect(
        learner.run(changes_its_input, cfg_dict(), state, x) is False,
        "Your LayerNorm changed its input x in place (for example `x -= x.mean(...)`): the caller's residual "
        "stream would change too. Compute `x - mean` into a new tensor.",
    )


@test("a non-contiguous input (a transposed view) and a stride-0 input (one sequence expanded to batch 3)")
def strided_inputs():
    state = ln_state(8)
    x = rand(2, 20, 11).transpose(1, 2)
    expect_tensor(run(state, x), reference(state, x), name=NAME + " for a transposed view", dims=DIMS, **F64)
    x = rand(1, 5, 20).expand(3, 5, 20)
    expect_tensor(run(state, x), reference(state, x), name=NAME + " for an expanded input", dims=DIMS, **F64)


# A gradient check, local until the shared module runner can run with gradients: the outputs above are
# computed under no_grad, so a module that cuts its parameters (or its input) out of the graph with `.data`,
# `.detach()` or `torch.no_grad()` would pass them and then train wrongly or not at all.
@remote
def parameter_grads(class_name, cfg, state, inputs, weight):
    import torch

    model = globals()[class_name](Config(**cfg))
    own = dict(model.named_parameters())
    if sorted(own) != sorted(state) or any(own[k].shape != state[k].shape for k in state):
        return "does not load"
    model = model.to(next(iter(state.values())).dtype)
    model.load_state_dict(state, strict=False)
    model.eval()
    inputs = [x.clone().requires_grad_(True) if x.is_floating_point() else x for x in inputs]
    with torch.enable_grad():
        out = model(*inputs)
        if not (isinstance(out, torch.Tensor) and out.requires_grad):
            return "no graph"
        (out * weight).sum().backward()
    grads = {name: p.grad for name, p in model.named_parameters()}
    grads.update({f"input {i}": x.grad for i, x in enumerate(inputs) if x.is_floating_point()})
    return grads


def expect_grads(class_name, cfg, state, inputs, reference_fn, what):
    """The gradient of a fixed random weighting of the output reaches every parameter and every float input,
    with the values autograd gives the reference."""
    leaves = {k: v.clone().requires_grad_(True) for k, v in state.items()}
    xs = [x.clone().requires_grad_(True) if x.is_floating_point() else x for x in inputs]
    expected_out = reference_fn(leaves, *xs)
    weight = torch.randn(expected_out.shape, dtype=expected_out.dtype)
    (expected_out * weight).sum().backward()
    leaves.update({f"input {i}": x for i, x in enumerate(xs) if x.is_floating_point()})
    grads = learner.run(parameter_grads, class_name, cfg, state, list(inputs), weight)
    if grads == "does not load":
        fail(
            f"`{class_name}(cfg)` does not have the parameters {', '.join(state)} with the shapes the earlier "
            "tests name, so its gradients cannot be checked."
        )
    if grads == "no graph":
        fail(
            f"`{class_name}(cfg)(...)` returned a tensor that is not connected to the autograd graph (its "
            "requires_grad is False): something cut the graph, such as `.data`, `.detach()`, `torch.no_grad()` "
            "or a copy made through `.tolist()`, so training could never change the weights."
        )
    for name, leaf in leaves.items():
        got = grads.get(name) if isinstance(grads, dict) else None
        shown = "the input" if name.startswith("input") else f"`{name}`"
        if got is None:
            fail(
                f"No gradient reaches {shown}: it enters {what} through a copy cut from the graph "
                f"(`.data`, `.detach()`, `torch.no_grad()`), so training could not work through it."
            )
        problem = compare.tensors(got, leaf.grad, name=f"the gradient of {shown}", rtol=1e-8, atol=1e-10)
        if problem:
            fail(
                problem[0] + " If the output itself is right, part of the computation is cut from the graph "
                "(a statistic or a weight taken through `.detach()`, `.data` or `torch.no_grad()`), so "
                "backpropagation treats it as a constant.",
                got=got,
            )


@test(
    "gradients flow: a loss on the output gives w, b and the input x the gradients autograd gives the reference "
    "(float64; the mean and the variance are part of the graph)"
)
def gradients():
    state, x = ln_state(9), rand(2, 11, 20) + 0.5
    expect_grads("LayerNorm", cfg_dict(), state, [x], reference, "the normalised output")
