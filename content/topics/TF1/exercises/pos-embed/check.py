import torch
from hypothesis import given, settings, strategies as st

import gpt2_reference as ref
import tf_modules
from grader import compare
from grader.checks import test, expect, expect_tensor, fail, learner, remote

CFG = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_model)"
NAME = "PosEmbed(cfg)(tokens)"


def pos_state(seed, dtype=torch.float64):
    return {"W_pos": ref.random_state_dict(CFG, seed=seed, dtype=dtype)["pos_embed.W_pos"]}


def reference(state, batch, pos):
    # Row p for position p, the same for every sequence: build it with a loop, row by row.
    w = state["W_pos"]
    return torch.stack([torch.stack([w[p] for p in range(pos)]) for _ in range(batch)])


def run(state, toks):
    return tf_modules.run_module("PosEmbed", CFG.as_dict(), state, toks)


@test("loads W_pos of shape (n_ctx=13, d_model=20), float64; tokens (2, 11) give rows 0..10 for both sequences")
def float64():
    state, toks = pos_state(1), torch.randint(0, CFG.d_vocab, (2, 11))
    expect_tensor(run(state, toks), reference(state, 2, 11), name=NAME, dims=DIMS, exact=True)


@test("float32 weights give a float32 output, exactly the rows of W_pos")
def float32():
    state, toks = pos_state(2, torch.float32), torch.randint(0, CFG.d_vocab, (2, 11))
    expect_tensor(run(state, toks), reference(state, 2, 11), name=NAME, dims=DIMS, exact=True)


@test("the output does not depend on the token values: tokens (2, 11) with ids below n_ctx, 12 different draws")
def token_values_do_not_matter():
    state = pos_state(3)
    base_tokens = torch.zeros(2, 11, dtype=torch.long)
    base = run(state, base_tokens)

    @settings(derandomize=True, deadline=None, database=None, max_examples=12)
    @given(st.lists(st.integers(0, CFG.n_ctx - 1), min_size=22, max_size=22))
    def same_output(ids):
        toks = torch.tensor(ids).reshape(2, 11)
        got = run(state, toks)
        if not (isinstance(got, torch.Tensor) and got.shape == base.shape and torch.equal(got, base)):
            fail(
                f"With tokens {toks.tolist()} the output differs from the output for all-zero tokens of the same "
                "shape. The positional embedding must depend only on the positions 0 .. pos - 1, never on which "
                "token sits there.",
                got=got,
            )

    same_output()


@test("every sequence of a batch of 3 (pos 5) gets the same rows")
def same_for_every_sequence():
    state, toks = pos_state(4), torch.randint(0, CFG.d_vocab, (3, 5))
    got = run(state, toks)
    expect(
        isinstance(got, torch.Tensor) and list(got.shape) == [3, 5, CFG.d_model],
        f"{NAME} for tokens (3, 5) should have shape (3, 5, 20), that is {DIMS}; got "
        f"{tuple(got.shape) if isinstance(got, torch.Tensor) else type(got).__name__}.",
        got=got,
    )
    for b in (1, 2):
        expect(
            torch.equal(got[b], got[0]),
            f"Sequence {b} of the batch got different positional embeddings from "
            "sequence 0; every sequence uses the same rows W_pos[0 .. pos - 1].",
            got=got,
        )
    expect_tensor(got, reference(state, 3, 5), name=NAME, dims=DIMS, exact=True)


@test("the edges: a single token (pos 1) and the full context (pos = n_ctx = 13)")
def edges():
    state = pos_state(5)
    for pos in (1, CFG.n_ctx):
        toks = torch.randint(0, CFG.d_vocab, (2, pos))
        expect_tensor(
            run(state, toks), reference(state, 2, pos), name=f"{NAME} for tokens (2, {pos})", dims=DIMS, exact=True
        )


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
    "gradients flow: a loss on the output gives W_pos the gradient autograd gives the reference (float64, "
    "tokens (3, 7), so rows 7..12 get none)"
)
def gradients():
    state, toks = pos_state(6), torch.randint(0, CFG.d_vocab, (3, 7))
    expect_grads("PosEmbed", CFG.as_dict(), state, [toks], lambda p, t: reference(p, *t.shape), "the positional rows")
