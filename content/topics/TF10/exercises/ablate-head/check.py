import torch

import tf10_hooked as hk
from grader.checks import test, learner, remote, expect, fail, expect_tensor

F32_TOL, F64_TOL = 1e-5, 1e-10  # absolute, on loss(ablated) - loss(clean)


@remote
def run_ablation(config, weights, tokens, layer, head):
    # In the learner's process: build the checker's model as a HookedTransformer, call the learner's
    # function, then run the model once more on the same tokens (a hook left attached shows there).
    import warnings

    import torch  # noqa: F811 (this runs in the learner's process)
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = HookedTransformer(HookedTransformerConfig(**dict(config, dtype=getattr(torch, config["dtype"]))))
    model.load_state_dict(weights, strict=False)
    delta = ablate_head_loss_delta(model.eval(), tokens, layer, head)
    with torch.no_grad():
        logits_after = model(tokens)
    number = isinstance(delta, (int, float)) and not isinstance(delta, bool)
    return {
        "type": type(delta).__name__,
        "value": torch.tensor(float(delta), dtype=torch.float64) if number else None,
        "shape": list(delta.shape) if isinstance(delta, torch.Tensor) else None,
        "logits_after": logits_after,
        "grad_enabled": torch.is_grad_enabled(),
    }


def reference_delta(cfg, state, tokens, layer, head):
    """loss(head's z zeroed) - loss(clean), computed in float64 from the same weights."""
    state64 = {k: v.double() for k, v in state.items()}
    clean, _ = hk.run_reference(tokens, state64, cfg)
    ablated, _ = hk.run_reference(tokens, state64, cfg, zero_head=(layer, head))
    return (hk.lm_loss(ablated, tokens) - hk.lm_loss(clean, tokens)).item(), clean


def check_delta(cfg, state, tokens, layer, head, tol):
    name = f"ablate_head_loss_delta(model, tokens, layer={layer}, head={head})"
    expected, clean_logits = reference_delta(cfg, state, tokens, layer, head)
    reply = learner.run(run_ablation, cfg, state, tokens, layer, head)
    if reply["type"] != "float":
        shape = f" of shape {tuple(reply['shape'])}" if reply["shape"] is not None else ""
        hint = " (for a one-element tensor, `.item()`)" if reply["shape"] is not None else ""
        fail(f"`{name}` returned {reply['type']}{shape}; return a Python float{hint}.")
    got = reply["value"].item()
    expect(
        abs(got - expected) <= tol,
        f"`{name}` returned {got:.7g}; expected {expected:.7g} (difference {got - expected:.3g}, allowed ±{tol:g}).",
        got=reply,
    )
    return reply, clean_logits


@test(
    "layer 1, head 2 of a random 3-layer, 4-head model (d_model 20, d_mlp 33); tokens (batch 2, pos 11); "
    "float32, within 1e-5"
)
def one_head():
    cfg, state = hk.random_model(seed=21)
    check_delta(cfg, state, hk.random_tokens(cfg, 2, 11, seed=1), 1, 2, F32_TOL)


@test("every layer and head of the same model (12 pairs), float32, within 1e-5")
def every_head():
    cfg, state = hk.random_model(seed=22)
    tokens = hk.random_tokens(cfg, 2, 11, seed=2)
    for layer in range(cfg["n_layers"]):
        for head in range(cfg["n_heads"]):
            check_delta(cfg, state, tokens, layer, head, F32_TOL)


@test("a float64 model, layer 2, head 0; tokens (batch 3, pos 13); within 1e-10")
def float64_model():
    cfg, state = hk.random_model(seed=23, dtype="float64")
    check_delta(cfg, state, hk.random_tokens(cfg, 3, 13, seed=3), 2, 0, F64_TOL)


@test(
    "no hook is left on the model and gradients are still on: after the call, its logits on the same tokens are "
    "the clean ones"
)
def model_left_clean():
    cfg, state = hk.random_model(seed=24)
    tokens = hk.random_tokens(cfg, 2, 11, seed=4)
    reply, clean_logits = check_delta(cfg, state, tokens, 0, 3, F32_TOL)
    after = reply["logits_after"]
    expect(
        isinstance(after, torch.Tensor)
        and after.shape == clean_logits.shape
        and torch.allclose(after.double(), clean_logits, rtol=1e-4, atol=1e-4),
        "After `ablate_head_loss_delta` returned, the model's logits on the same tokens were no longer the "
        "clean ones: a hook is still attached. Use `model.run_with_hooks(...)` (it removes its hooks), or "
        "`with model.hooks(fwd_hooks=...):`, or call `model.reset_hooks()` before returning.",
        got=reply,
    )
    expect(
        reply["grad_enabled"],
        "After `ablate_head_loss_delta` returned, gradients are switched off for the whole process "
        "(`torch.set_grad_enabled(False)`, in the function or at the top of the file, never undone): the caller's "
        "next training step gets no gradients. Use `with torch.no_grad():` around the two forward passes.",
    )
