import torch

import gpt2_reference as ref
import tf_modules
from grader import compare
from grader.checks import test, expect_tensor, rand, fail, learner, remote

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_vocab)"
NAME = "Unembed(cfg)(x)"


def unembed_state(seed, dtype=torch.float64):
    # W_U ~ N(0, 1/d_model) and b_U ~ N(0, 0.1^2), drawn independently of W_E.
    full = ref.random_state_dict(CFG, seed=seed, dtype=dtype)
    return {"W_U": full["unembed.W_U"], "b_U": full["unembed.b_U"]}


def reference(state, x):
    # Computed in float64 whatever the dtype, then cast back, so a float32 run is compared with exact logits.
    w, b = state["W_U"].double(), state["b_U"].double()
    return (torch.einsum("bpm,mv->bpv", x.double(), w) + b).to(x.dtype)


def run(state, x):
    return tf_modules.run_module("Unembed", CFG.as_dict(), state, x)


@test("loads W_U (d_model=20, d_vocab=29) and b_U (29,), float64; x (2, 11, 20) gives logits (2, 11, 29)")
def float64():
    state, x = unembed_state(1), rand(2, 11, 20)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


@test("float32 weights and input: float32 logits (rtol 1e-4)")
def float32():
    state, x = unembed_state(2, torch.float32), rand(2, 11, 20, dtype=torch.float32)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


@test("a zero residual stream gives logits equal to b_U at every position")
def zero_stream():
    state, x = unembed_state(3), torch.zeros(2, 11, 20, dtype=torch.float64)
    expect_tensor(run(state, x), reference(state, x), name=NAME + " for x = 0", dims=DIMS)


@test("a large residual stream (x scaled by 10): logits are not normalised, they grow with x")
def large_stream():
    state, x = unembed_state(4), rand(2, 11, 20, scale=10.0)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


@test("a non-contiguous input (a transposed view), batch 3, pos 5")
def non_contiguous():
    state, x = unembed_state(5), rand(3, 20, 5).transpose(1, 2)
    expect_tensor(run(state, x), reference(state, x), name=NAME, dims=DIMS)


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


@test("gradients flow: a loss on the logits gives W_U and b_U the gradients autograd gives the reference (float64)")
def gradients():
    state, x = unembed_state(6), rand(2, 11, 20)
    expect_grads("Unembed", CFG.as_dict(), state, [x], reference, "the logits")
