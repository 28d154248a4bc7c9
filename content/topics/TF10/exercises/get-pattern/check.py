import torch

import tf10_hooked as hk
from grader.checks import test, learner, remote, expect, expect_tensor

DIMS = "(batch, q_pos, k_pos)"
F32 = dict(rtol=1e-5, atol=2e-6)  # the same model on the same tokens: equal up to float rounding


@remote
def run_get_pattern(config, weights, tokens, layer, head):
    # In the learner's process: build the checker's model as a HookedTransformer, then call get_pattern.
    import warnings

    import torch  # noqa: F811 (this runs in the learner's process)
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = HookedTransformer(HookedTransformerConfig(**dict(config, dtype=getattr(torch, config["dtype"]))))
    model.load_state_dict(weights, strict=False)
    return get_pattern(model.eval(), tokens, layer, head)


def check_pattern(cfg, state, tokens, layer, head, tol):
    _, patterns = hk.run_reference(tokens, state, cfg)
    got = learner.run(run_get_pattern, cfg, state, tokens, layer, head)
    expect_tensor(
        got, patterns[layer][:, head], name=f"get_pattern(model, tokens, layer={layer}, head={head})", dims=DIMS, **tol
    )
    return got


@test("layer 1, head 2 of a random 3-layer, 4-head model (d_model 20, d_head 7); tokens (batch 2, pos 11)")
def one_head():
    cfg, state = hk.random_model(seed=11)
    check_pattern(cfg, state, hk.random_tokens(cfg, 2, 11, seed=1), 1, 2, F32)


@test("every layer and head of the same model (12 pairs)")
def every_head():
    cfg, state = hk.random_model(seed=12)
    tokens = hk.random_tokens(cfg, 2, 11, seed=2)
    for layer in range(cfg["n_layers"]):
        for head in range(cfg["n_heads"]):
            check_pattern(cfg, state, tokens, layer, head, F32)


@test("one sequence (batch 1, pos 7): the batch axis stays, shape (1, 7, 7)")
def batch_of_one():
    cfg, state = hk.random_model(seed=13)
    check_pattern(cfg, state, hk.random_tokens(cfg, 1, 7, seed=3), 2, 3, F32)


@test("a float64 model: the pattern comes back in float64 (layer 0, head 1; batch 3, pos 13 = n_ctx)")
def float64_model():
    cfg, state = hk.random_model(seed=14, dtype="float64")
    check_pattern(cfg, state, hk.random_tokens(cfg, 3, 13, seed=4), 0, 1, {})


@remote
def grad_mode_after(config, weights, tokens, layer, head):
    """Whether gradients are still on in the learner's process after get_pattern (and its import) ran."""
    import warnings

    import torch  # noqa: F811 (this runs in the learner's process)
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = HookedTransformer(HookedTransformerConfig(**dict(config, dtype=getattr(torch, config["dtype"]))))
    model.load_state_dict(weights, strict=False)
    get_pattern(model.eval(), tokens, layer, head)
    return torch.is_grad_enabled()


@test("gradients are still on afterwards: your code does not switch them off for the whole process")
def grad_mode_left_on():
    cfg, state = hk.random_model(seed=15)
    expect(
        learner.run(grad_mode_after, cfg, state, hk.random_tokens(cfg, 1, 5, seed=5), 0, 0) is True,
        "After your code ran, gradients are switched off for the whole process (`torch.set_grad_enabled(False)`, "
        "at the top of the file or inside the function, is never undone): whoever trains a model next gets no "
        "gradients. Use `with torch.no_grad():` around only the code that needs it, or nothing: run_with_cache "
        "needs no gradients switched off.",
    )
