import torch
import torch.nn.functional as F

import gpt2_reference as ref
import tf_modules
from grader import compare
from grader.checks import test, expect_tensor, fail, learner, remote

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"


def embed_state(seed, dtype=torch.float64):
    full = ref.random_state_dict(CFG, seed=seed, dtype=dtype)
    return {"W_E": full["embed.W_E"]}


def tokens(batch, pos, high=CFG.d_vocab):
    return torch.randint(0, high, (batch, pos))


def reference(state, toks):
    # A one-hot row times W_E picks out one row: the same numbers as W_E[toks], computed another way.
    return F.one_hot(toks, CFG.d_vocab).to(state["W_E"].dtype) @ state["W_E"]


@test("loads a state dict with W_E of shape (d_vocab=29, d_model=20), float64, and looks up tokens (2, 11)")
def float64():
    state, toks = embed_state(1), tokens(2, 11)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("float32 weights: the output is float32 and each position is exactly a row of W_E")
def float32():
    state, toks = embed_state(2, torch.float32), tokens(2, 11)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("the first and the last token ids, 0 and d_vocab - 1 = 28, and repeated tokens")
def edge_ids():
    state = embed_state(3)
    toks = torch.tensor([[0, 28, 28, 5, 0, 28, 1, 27, 0, 0, 28], [28, 0, 14, 14, 14, 2, 28, 0, 3, 28, 9]])
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("a batch that uses only the small token ids 0..9 (the output still comes from the full table)")
def small_ids():
    state, toks = embed_state(4), tokens(2, 11, high=10)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


@test("3 sequences of the full context length, pos = n_ctx = 13")
def full_context():
    state, toks = embed_state(5), tokens(3, 13)
    got = tf_modules.run_module("Embed", CFG.as_dict(), state, toks)
    expect_tensor(got, reference(state, toks), name="Embed(cfg)(tokens)", dims=DIMS, exact=True)


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


@test("gradients flow: a loss on the output gives W_E the gradient autograd gives the reference (float64)")
def gradients():
    state, toks = embed_state(6), tokens(2, 11)
    expect_grads("Embed", CFG.as_dict(), state, [toks], lambda p, t: reference(p, t), "the lookup")
