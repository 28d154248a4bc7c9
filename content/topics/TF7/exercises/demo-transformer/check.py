import torch

import gpt2_reference as ref
import tf_modules_grad
from grader import compare
from grader.checks import test, learner, remote, expect_tensor, fail

DEFAULT = ref.Config()  # d_model 48, n_heads 3, d_head 16, d_mlp 80, n_layers 2, d_vocab 101, n_ctx 32
OTHER = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
DIMS = "(batch, pos, d_vocab)"


def tokens_for(cfg, batch, pos):
    return torch.randint(0, cfg.d_vocab, (batch, pos))


@remote
def parameter_shapes(cfg):
    model = DemoTransformer(Config(**cfg))
    return {name: list(p.shape) for name, p in model.named_parameters()}


@remote
def load_and_run_each(cfg, state, inputs):
    import torch

    model = DemoTransformer(Config(**cfg))
    own = dict(model.named_parameters())
    if set(own) != set(state) or any(own[k].shape != state[k].shape for k in own):
        return "the parameter names or shapes do not fit"
    model = model.to(next(iter(state.values())).dtype)
    model.load_state_dict(state, strict=False)
    model.eval()
    with torch.no_grad():
        return [model(tokens) for tokens in inputs]


def run_each(cfg, state, inputs):
    """The learner's logits for each tokens tensor in `inputs`, from one model."""
    got = learner.run(load_and_run_each, cfg.as_dict(), state, inputs)
    if not isinstance(got, list):
        fail("`DemoTransformer` does not load the TransformerLens state dict (see the test on parameter names).")
    for tokens, out in zip(inputs, got):
        if isinstance(out, torch.Tensor) and out.is_floating_point() and not bool(out.isfinite().all()):
            b, p = [int(i) for i in (~out.isfinite()).nonzero()[0][:2]]
            fail(
                f"Your logits for tokens {tuple(tokens.shape)} contain NaN or inf (first at batch {b}, position {p}). "
                "A common cause is a query that may attend to no key at all (a mask that also hides the diagonal), "
                "whose softmax is 0/0.",
                got=got,
            )
    return got


def expect_each(got, expected, labels):
    """Like expect_tensor for each output of one run_each call; a hint compares the whole call's outputs."""
    for out, exp, label in zip(got, expected, labels):
        problem = compare.tensors(out, exp, name=label, rtol=1e-7, atol=1e-9, dims=DIMS)
        if problem:
            fail(problem[0], got=got)


def logits(cfg, state, tokens):
    # Eval mode, without gradients: a correct model with dropout (nanoGPT's, minGPT's) passes.
    return tf_modules_grad.run_eval("DemoTransformer", cfg.as_dict(), state, tokens)


@test(
    "parameter names and shapes are TransformerLens's: d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, "
    "d_vocab=29, n_ctx=13"
)
def names_and_shapes():
    got = learner.run(parameter_shapes, OTHER.as_dict())
    expected = {name: list(shape) for name, shape in ref.param_shapes(OTHER).items()}
    missing = [k for k in expected if k not in got]
    unexpected = [k for k in got if k not in expected]
    shapes = [k for k in expected if k in got and got[k] != expected[k]]
    if not (missing or unexpected or shapes):
        return  # the order may differ: loading goes by name
    lines = ["`DemoTransformer(cfg).named_parameters()` does not match the TransformerLens names and shapes:"]
    if missing:
        lines.append("- missing (the state dict has them, your model does not): " + ", ".join(missing))
    if unexpected:
        lines.append("- unexpected (your model has them, the state dict does not): " + ", ".join(unexpected))
    for k in shapes:
        lines.append(f"- `{k}` has shape {tuple(got[k])}; it should be {tuple(expected[k])}")
    fail("\n".join(lines), got=got)


@test(
    "logits equal the reference GPT-2 forward, float64: d_model=48, n_heads=3, d_head=16, d_mlp=80, n_layers=2, "
    "d_vocab=101, n_ctx=32; tokens (2, 11)"
)
def default_f64():
    state = ref.random_state_dict(DEFAULT, seed=1)
    tokens = tokens_for(DEFAULT, 2, 11)
    expect_tensor(
        logits(DEFAULT, state, tokens),
        ref.forward(tokens, state, DEFAULT),
        name="logits",
        dims=DIMS,
        rtol=1e-7,
        atol=1e-9,
    )


@test("float32 weights: logits within rtol 1e-4, atol 1e-4 of the reference (same sizes, tokens (2, 11))")
def default_f32():
    state = {k: v.float() for k, v in ref.random_state_dict(DEFAULT, seed=2).items()}
    tokens = tokens_for(DEFAULT, 2, 11)
    expected = ref.forward(tokens, {k: v.double() for k, v in state.items()}, DEFAULT).float()
    expect_tensor(logits(DEFAULT, state, tokens), expected, name="logits", dims=DIMS, rtol=1e-4, atol=1e-4)


@test(
    "a differently sized model, float64: d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, "
    "n_ctx=13; tokens (2, 11)"
)
def other_f64():
    state = ref.random_state_dict(OTHER, seed=3)
    tokens = tokens_for(OTHER, 2, 11)
    expect_tensor(
        logits(OTHER, state, tokens), ref.forward(tokens, state, OTHER), name="logits", dims=DIMS, rtol=1e-7, atol=1e-9
    )


@test(
    "gradients: loss.backward() from the logits reaches every parameter with the reference's values "
    "(d_model=20, n_layers=3, tokens (2, 11), float64)"
)
def gradients():
    state = ref.random_state_dict(OTHER, seed=7)
    tokens = tokens_for(OTHER, 2, 11)
    g = torch.randn(2, 11, OTHER.d_vocab, dtype=torch.float64)  # loss = sum(logits * g): every logit matters
    got = tf_modules_grad.grads("DemoTransformer", OTHER.as_dict(), state, [tokens], g)
    want = tf_modules_grad.reference_grads(lambda t, p: ref.forward(t, p, OTHER), state, [tokens], g)
    tf_modules_grad.expect_grads(got, want, "DemoTransformer(cfg)(tokens)")


@test("any length from 1 to n_ctx: tokens (3, 1), (2, 6) and (2, 13) with n_ctx=13, float64")
def lengths():
    state = ref.random_state_dict(OTHER, seed=4)
    inputs = [tokens_for(OTHER, 3, 1), tokens_for(OTHER, 2, 6), tokens_for(OTHER, 2, 13)]
    got = run_each(OTHER, state, inputs)
    expect_each(
        got,
        [ref.forward(tokens, state, OTHER) for tokens in inputs],
        [f"logits for tokens {tuple(tokens.shape)}" for tokens in inputs],
    )


@test(
    "causality: changing the tokens from position t on leaves the logits before t unchanged, for every t "
    "from 1 to 10 (tokens (2, 11))"
)
def causality():
    state = ref.random_state_dict(OTHER, seed=5)
    base = tokens_for(OTHER, 2, 11)
    inputs = [base]
    for t in range(1, 11):
        changed = base.clone()
        changed[:, t:] = (base[:, t:] + torch.randint(1, OTHER.d_vocab, (2, 11 - t))) % OTHER.d_vocab
        inputs.append(changed)
    got = run_each(OTHER, state, inputs)
    for t, out in zip(range(1, 11), got[1:]):
        diff = (out[:, :t] - got[0][:, :t]).abs().nan_to_num(nan=float("inf"))
        if diff.max() > 1e-9:
            pos = int(diff.amax(dim=(0, 2)).argmax())
            fail(
                f"Changing the tokens at positions {t} to 10 changed the logits at position {pos} (by up to "
                f"{diff.max().item():.3g}), which comes before them: position {pos} can see later tokens. Each "
                f"query may attend only to keys at its own or earlier positions (mask the scores where k > q).",
                got=got,
            )


@test("batch independence: each sequence gets the same logits alone as in a batch of 3 (tokens (3, 11))")
def batch_independence():
    state = ref.random_state_dict(OTHER, seed=6)
    batch = tokens_for(OTHER, 3, 11)
    got = run_each(OTHER, state, [batch] + [batch[i : i + 1] for i in range(3)])
    for i in range(3):
        diff = (got[0][i] - got[1 + i][0]).abs().nan_to_num(nan=float("inf"))
        if diff.max() > 1e-9:
            fail(
                f"Sequence {i} gets different logits in a batch of 3 than alone (by up to {diff.max().item():.3g}): "
                f"something mixes the sequences of a batch. LayerNorm's statistics, the softmax and every sum "
                f"must run within one sequence (LayerNorm over d_model, softmax over keys).",
                got=got,
            )
