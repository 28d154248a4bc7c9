"""Drives a learner's transformer nn.Module from check code: build it from a config, load a
state dict with TransformerLens names, run it, and explain a naming or shape mistake in words.

    import tf_modules
    out = tf_modules.run_module("Attention", cfg, state, x)   # fails the test on a loading problem
    tf_modules.expect_grads("Attention", cfg, state, [x], reference, "the output")   # gradients reach every weight
    tf_modules.expect_trains("Attention", cfg, state, [x], target, reference)         # a few SGD steps match

The module always runs in eval() mode: a correct model with dropout (as GPT-2's has) gives the same
output every time, and a check never blames causality or batch mixing on dropout noise.

The learner's code defines `Config` (the starter gives it) and the module class; buffers the
learner registers (a causal mask, say) are allowed and do not count as missing keys.
"""

import torch

from grader import compare
from grader.checks import fail, learner, remote


@remote
def build_load_run(class_name, cfg, state, inputs):
    import torch

    model = globals()[class_name](Config(**cfg))  # type: ignore[name-defined]  # noqa: F821 (the learner's Config, in its process)
    own = dict(model.named_parameters())
    buffers = {name for name, _ in model.named_buffers()}
    missing = sorted(k for k in own if k not in state)
    unexpected = sorted(k for k in state if k not in own and k not in buffers)
    shapes = {k: list(own[k].shape) for k in own if k in state and own[k].shape != state[k].shape}
    if missing or unexpected or shapes:
        return {"missing": missing, "unexpected": unexpected, "shapes": shapes}
    dtype = next(iter(state.values())).dtype
    model = model.to(dtype)
    model.load_state_dict(state, strict=False)
    model.eval()  # dropout off: the output is a function of the weights and the input
    with torch.no_grad():
        return model(*inputs)  # a bare tensor, so a mutant's output can be matched for a hint


def loading_problem(reply: dict, state: dict, class_name: str) -> str:
    lines = [f"`{class_name}(cfg).load_state_dict(...)` does not fit the TransformerLens parameter names:"]
    if reply["missing"]:
        lines.append("- your module has parameters the state dict lacks: " + ", ".join(reply["missing"]))
    if reply["unexpected"]:
        lines.append("- the state dict has parameters your module lacks: " + ", ".join(reply["unexpected"]))
    for name, shape in reply["shapes"].items():
        lines.append(f"- `{name}` has shape {tuple(shape)} in your module; it should be {tuple(state[name].shape)}")
    lines.append("Expected: " + ", ".join(f"{k} {tuple(v.shape)}" for k, v in state.items()))
    return "\n".join(lines)


def run_module(class_name: str, cfg: dict, state: dict, *inputs):
    """The module's output on `inputs` (with no_grad), after loading `state` in its dtype."""
    reply = learner.run(build_load_run, class_name, cfg, state, list(inputs))
    if isinstance(reply, dict):
        fail(loading_problem(reply, state, class_name))
    return reply


@remote
def parameter_grads(class_name, cfg, state, inputs, weight):
    import torch

    model = globals()[class_name](Config(**cfg))  # type: ignore[name-defined]  # noqa: F821 (the learner's Config, in its process)
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


def expect_grads(class_name, cfg, state, inputs, reference_fn, what="the output"):
    """The gradient of a fixed random weighting of the output reaches every parameter and every float input,
    with the values autograd gives `reference_fn(params, *inputs)` (plain torch, run here). Code that cuts
    the graph (`.data`, `.detach()`, `torch.no_grad()`) has the right outputs and fails this."""
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
    rtol, atol = _tol(expected_out.dtype)
    for name, leaf in leaves.items():
        if leaf.grad is None:
            continue  # the reference itself does not use it (an input of integer tokens, say)
        got = grads.get(name) if isinstance(grads, dict) else None
        shown = "the input" if name.startswith("input") else f"`{name}`"
        if got is None:
            fail(
                f"No gradient reaches {shown}: it enters {what} through a copy cut from the graph "
                f"(`.data`, `.detach()`, `torch.no_grad()`), so training could not work through it."
            )
        problem = compare.tensors(got, leaf.grad, name=f"the gradient of {shown}", rtol=rtol, atol=atol)
        if problem:
            fail(
                problem[0] + " If the output itself is right, part of the computation is cut from the graph "
                "(a statistic or a weight taken through `.detach()`, `.data` or `torch.no_grad()`), so "
                "backpropagation treats it as a constant.",
                got=got,
            )


@remote
def train_steps(class_name, cfg, state, inputs, target, steps, lr):
    import torch

    model = globals()[class_name](Config(**cfg))  # type: ignore[name-defined]  # noqa: F821 (the learner's Config, in its process)
    model = model.to(next(iter(state.values())).dtype)
    model.load_state_dict(state, strict=False)
    model.eval()  # no dropout: the steps are deterministic
    params = dict(model.named_parameters())
    losses = []
    with torch.enable_grad():
        for _ in range(steps):
            loss = ((model(*inputs) - target) ** 2).mean()
            grads = torch.autograd.grad(loss, list(params.values()), allow_unused=True)
            with torch.no_grad():
                for p, g in zip(params.values(), grads):
                    if g is not None:
                        p -= lr * g
            losses.append(float(loss))
    return {"losses": losses, "state": {k: v.detach().clone() for k, v in params.items()}}


def expect_trains(class_name, cfg, state, inputs, target, reference_fn, steps=3, lr=0.1):
    """`steps` steps of plain gradient descent on the mean squared error to `target`, run on the learner's
    own module, give the losses and the weights the same steps give the reference."""
    leaves = {k: v.clone().requires_grad_(True) for k, v in state.items()}
    expected = []
    for _ in range(steps):
        loss = ((reference_fn(leaves, *inputs) - target) ** 2).mean()
        grads = torch.autograd.grad(loss, list(leaves.values()), allow_unused=True)
        with torch.no_grad():
            for p, g in zip(leaves.values(), grads):
                if g is not None:
                    p -= lr * g
        expected.append(float(loss))
    reply = learner.run(train_steps, class_name, cfg, state, list(inputs), target, steps, lr)
    rtol, atol = _tol(target.dtype)
    got = torch.tensor(reply["losses"], dtype=torch.float64)
    problem = compare.tensors(
        got,
        torch.tensor(expected, dtype=torch.float64),
        name=f"the losses of {steps} gradient-descent steps (lr={lr}) on your {class_name}",
        rtol=rtol * 10,
        atol=atol * 10,
    )
    if problem:
        fail(
            problem[0] + " The forward pass matched, so training goes wrong: part of the computation is cut "
            "from the graph, or a parameter is not registered (a plain tensor attribute instead of nn.Parameter)."
        )
    for name, leaf in leaves.items():
        problem = compare.tensors(
            reply["state"].get(name), leaf.detach(), name=f"`{name}` after training", rtol=rtol * 10, atol=atol * 10
        )
        if problem:
            fail(problem[0] + " Gradient descent did not move this weight as it should.")


def _tol(dtype):
    return (1e-8, 1e-10) if dtype == torch.float64 else (1e-4, 1e-5)
