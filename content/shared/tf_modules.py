"""Drives a learner's transformer nn.Module from check code: build it from a config, load a
state dict with TransformerLens names, run it, and explain a naming or shape mistake in words.

    import tf_modules
    out = tf_modules.run_module("Attention", cfg, state, x)   # fails the test on a loading problem

The learner's code defines `Config` (the starter gives it) and the module class; buffers the
learner registers (a causal mask, say) are allowed and do not count as missing keys.
"""
from grader.checks import fail, learner, remote


@remote
def build_load_run(class_name, cfg, state, inputs):
    import torch

    model = globals()[class_name](Config(**cfg))
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
