"""Runs a learner's transformer nn.Module the way a trainer and an evaluator would: in eval mode (so a
correct module with dropout passes), and with gradients, so code that cuts the graph (`.data`,
`.detach()`, a forward under `torch.no_grad()`) fails even when its outputs are right.

    import tf_modules_grad   # exercise.yaml lists tf_modules too (it is imported here; modules load by name)
    out = tf_modules_grad.run_eval("MLP", cfg, state, x)            # eval mode, no_grad; a bare tensor
    got = tf_modules_grad.grads("MLP", cfg, state, [x], grad_out)   # {"param name": grad, ..., "input 0": grad}
    want = tf_modules_grad.reference_grads(ref.mlp, state, [x], grad_out)
    tf_modules_grad.expect_grads(got, want, "MLP(cfg)")

Used by TF5 mlp, TF6 transformer-block and TF7 demo-transformer (tf_modules, shared with TF1-TF4,
runs modules in training mode and without gradients). Loading problems are explained by
tf_modules.loading_problem, so both read the same.
"""

import tf_modules
import torch

from grader import compare
from grader.checks import fail, learner, remote


@remote
def drive(class_name, cfg, state, inputs, grad_out):
    """Build the learner's module, load `state` in its dtype, switch to eval mode (dropout off, as when a
    trained model is evaluated). grad_out None: the output, without gradients (a bare tensor, so a
    mutant's output can be matched for a hint). Otherwise the gradients of sum(output * grad_out) for
    every parameter and float input."""
    import torch

    model = globals()[class_name](Config(**cfg))  # type: ignore[name-defined]  # noqa: F821 (the learner's Config, in its process)
    own = dict(model.named_parameters())
    buffers = {name for name, _ in model.named_buffers()}
    missing = sorted(k for k in own if k not in state)
    unexpected = sorted(k for k in state if k not in own and k not in buffers)
    shapes = {k: list(own[k].shape) for k in own if k in state and own[k].shape != state[k].shape}
    if missing or unexpected or shapes:
        return {"missing": missing, "unexpected": unexpected, "shapes": shapes}
    model = model.to(next(iter(state.values())).dtype)
    model.load_state_dict(state, strict=False)
    model.eval()
    if grad_out is None:
        with torch.no_grad():
            return model(*inputs)
    inputs = [x.clone().requires_grad_(True) if x.is_floating_point() else x for x in inputs]
    with torch.enable_grad():
        out = model(*inputs)
        if not isinstance(out, torch.Tensor) or not out.requires_grad:
            return {"no_graph": True}
        (out * grad_out).sum().backward()
    grads = {name: p.grad for name, p in model.named_parameters()}
    grads.update({f"input {i}": x.grad for i, x in enumerate(inputs) if x.is_floating_point()})
    return {"grads": grads}


def _reply(reply, state, class_name):
    if isinstance(reply, dict) and {"missing", "unexpected", "shapes"} <= reply.keys():
        fail(tf_modules.loading_problem(reply, state, class_name))
    return reply


def run_eval(class_name: str, cfg: dict, state: dict, *inputs):
    """The module's output on `inputs` in eval mode, without gradients, after loading `state`."""
    return _reply(learner.run(drive, class_name, cfg, state, list(inputs), None), state, class_name)


def grads(class_name: str, cfg: dict, state: dict, inputs: list, grad_out: torch.Tensor) -> dict:
    """{name: grad} for the module's parameters and its float inputs ("input 0", ...)."""
    reply = _reply(learner.run(drive, class_name, cfg, state, list(inputs), grad_out), state, class_name)
    if reply.get("no_graph"):
        fail(
            f"The output of `{class_name}` carries no gradient (requires_grad is False): the forward pass runs "
            "without autograd (`torch.no_grad()`, `.detach()`, `.data`, or a result built with `torch.tensor(...)`), "
            "so a trainer could never update its weights."
        )
    return reply["grads"]


def reference_grads(forward, state: dict, inputs: list, grad_out: torch.Tensor) -> dict:
    """The same gradients for a reference `forward(*inputs, state)` over a plain state dict."""
    state = {k: v.clone().requires_grad_(True) for k, v in state.items()}
    inputs = [x.clone().requires_grad_(True) if x.is_floating_point() else x for x in inputs]
    with torch.enable_grad():
        (forward(*inputs, state) * grad_out).sum().backward()
    want = {k: v.grad for k, v in state.items()}
    want.update({f"input {i}": x.grad for i, x in enumerate(inputs) if x.is_floating_point()})
    return want


def expect_grads(got: dict, want: dict, name: str):
    """Every parameter and input gets the reference's gradient; a missing one means the graph is cut."""
    for key, expected in want.items():
        value = got.get(key)
        what = "the input" if key == "input 0" else f"`{key}`"
        if value is None or (
            isinstance(value, torch.Tensor) and value.shape == expected.shape and not value.any() and expected.any()
        ):
            fail(
                f"After `loss.backward()` through {name}, {what} gets no gradient: the path from it to the output is "
                "cut (`.data`, `.detach()`, a copy made with `torch.tensor(...)`, or code under `torch.no_grad()`), "
                "so training would never change it. Use the parameter itself in the forward pass."
            )
        label = "the input" if key.startswith("input") else key
        problem = compare.tensors(value, expected, name=f"the gradient of {label}")
        if problem:
            fail(
                f"{problem[0]} (the gradient of sum(output * g) for a random g, through {name}; the forward values "
                "are right, so something in the forward pass is not differentiable as written.)"
            )
