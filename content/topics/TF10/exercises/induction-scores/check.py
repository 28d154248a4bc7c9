import io

import torch

import tf10_hooked as hk
from grader.checks import test, learner, remote, expect, expect_tensor, data_file

DIMS = "(n_layers, n_heads)"
F32 = dict(rtol=0, atol=1e-6)


@remote
def run_induction_scores(config, weights, seq_len, batch, seed):
    # In the learner's process: build the checker's model as a HookedTransformer, then call induction_scores.
    import warnings

    import torch  # noqa: F811 (this runs in the learner's process)
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = HookedTransformer(HookedTransformerConfig(**dict(config, dtype=getattr(torch, config["dtype"]))))
    model.load_state_dict(weights, strict=False)
    return induction_scores(model.eval(), seq_len, batch, seed)


def reference(cfg, state, seq_len, batch, seed):
    tokens = hk.repeated_tokens(cfg["d_vocab"], seq_len, batch, seed)
    _, patterns = hk.run_reference(tokens, state, cfg)
    q = torch.arange(seq_len, 2 * seq_len)
    return torch.stack([p[:, :, q, q - seq_len + 1].mean(dim=(0, 2)) for p in patterns])


def shipped_model():
    """The 2-layer attention-only model trained by TF10/scripts/train_induction_model.py."""
    saved = torch.load(io.BytesIO(data_file("induction-2l.pt")), weights_only=True)
    cfg = dict(model_name="induction-2l", **saved["config"], dtype="float32")
    state = {k: v for k, v in saved["state_dict"].items() if not k.endswith((".mask", ".IGNORE"))}
    return cfg, state, [tuple(h) for h in saved["induction_heads"]]


def check_scores(cfg, state, seq_len, batch, seed, tol):
    got = learner.run(run_induction_scores, cfg, state, seq_len, batch, seed)
    expect_tensor(
        got,
        reference(cfg, state, seq_len, batch, seed),
        name=f"induction_scores(model, seq_len={seq_len}, batch={batch}, seed={seed})",
        dims=DIMS,
        **tol,
    )
    return got


@test("a random 3-layer, 4-head model: scores of shape (3, 4) within 1e-6 (seq_len 5, batch 7, seed 3)")
def random_model():
    cfg, state = hk.random_model(seed=31)
    check_scores(cfg, state, 5, 7, 3, F32)


@test("a float64 random model: float64 scores within 1e-10 (seq_len 6, batch 3, seed 4)")
def float64_model():
    cfg, state = hk.random_model(seed=32, dtype="float64")
    check_scores(cfg, state, 6, 3, 4, {})


@test("the shipped 2-layer attention-only model: scores within 1e-6 (seq_len 12, batch 20, seed 2024)")
def shipped_reference():
    cfg, state, _ = shipped_model()
    check_scores(cfg, state, 12, 20, 2024, F32)


@test(
    "the shipped model's induction heads stand out: layer 1, heads 0 and 2 score > 0.5, every other head < 0.3 "
    "(seq_len 15, batch 8, seed 7)"
)
def induction_heads_found():
    cfg, state, heads = shipped_model()
    got = check_scores(cfg, state, 15, 8, 7, F32)
    for layer in range(cfg["n_layers"]):
        for head in range(cfg["n_heads"]):
            score = got[layer, head].item()
            if (layer, head) in heads:
                expect(
                    score > 0.5,
                    f"Head {layer}.{head} is an induction head of this model, but its score is "
                    f"{score:.3f} (want > 0.5).",
                )
            else:
                expect(
                    score < 0.3,
                    f"Head {layer}.{head} is not an induction head, but its score is {score:.3f} (want < 0.3).",
                )


@remote
def global_state_after(config, weights, seq_len, batch, seed):
    """Whether induction_scores reseeded torch's global generator or left gradients off in the learner's process."""
    import warnings

    import torch  # noqa: F811 (this runs in the learner's process)
    from transformer_lens import HookedTransformer, HookedTransformerConfig

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        model = HookedTransformer(HookedTransformerConfig(**dict(config, dtype=getattr(torch, config["dtype"]))))
    model.load_state_dict(weights, strict=False)
    torch.manual_seed(20250611)
    before = torch.get_rng_state()
    induction_scores(model.eval(), seq_len, batch, seed)
    return {
        "rng_touched": torch.initial_seed() != 20250611 or not torch.equal(before, torch.get_rng_state()),
        "grad_enabled": torch.is_grad_enabled(),
    }


@test(
    "leaves the process as it found it: the tokens come from a seeded torch.Generator (the global random "
    "generator is not reseeded or drawn from), and gradients are still on"
)
def global_state():
    cfg, state = hk.random_model(seed=33)
    after = learner.run(global_state_after, cfg, state, 4, 2, 5)
    expect(
        not after["rng_touched"],
        "Your induction_scores reseeds or draws from torch's global random generator (torch.manual_seed(seed) "
        "then torch.randint): the caller's own random numbers then repeat or change. Draw the tokens with "
        "torch.randint(..., generator=torch.Generator().manual_seed(seed)).",
    )
    expect(
        after["grad_enabled"],
        "After induction_scores returned, gradients are switched off for the whole process "
        "(torch.set_grad_enabled(False) never undone). Use `with torch.no_grad():`, or nothing.",
    )
