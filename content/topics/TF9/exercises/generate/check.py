import math

import torch

import gpt2_reference as ref
from grader import checks, compare
from grader.checks import test, learner, remote, expect, fail

DEFAULT = ref.Config()  # d_model 48, n_heads 3, d_head 16, d_mlp 80, n_layers 2, d_vocab 101, n_ctx 32
OTHER = ref.Config(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13)
# The stub "model" of the sampling tests: the same logits at every position, whatever the tokens.
FIXED = torch.tensor([1.5, -0.5, 0.8, 2.0, -2.0, 0.3, 1.1])
# Ties at the k-th value: with top_k=3 the threshold is 1.0, held by tokens 0, 2 and 5, all kept (5 tokens in all);
# token 6 has logit -inf (probability 0) and must never appear.
TIED = torch.tensor([1.0, 2.0, 1.0, 2.0, 0.5, 1.0, float("-inf")])
STUB_CTX = 8
ROWS, STEPS = 1000, 50  # N = 50 000 sampled tokens


@remote
def generate_with_model(cfg, state, prompt, max_new, options):
    model = DemoTransformer(Config(**cfg)).to(next(iter(state.values())).dtype)
    model.load_state_dict(state)
    model.eval()
    return generate(model, prompt, max_new, **options)


@remote
def generate_with_window_stub(n_ctx, d_vocab, prompt, max_new, options):
    import types

    import torch

    class WindowStub:
        """A toy 'model': at each position, a peak on (7 * (sum of the tokens so far) + their count) mod d_vocab."""

        cfg = types.SimpleNamespace(n_ctx=n_ctx, d_vocab=d_vocab)

        def __call__(self, tokens):
            if tokens.shape[-1] > n_ctx:
                raise ValueError(
                    f"the model was called with {tokens.shape[-1]} positions, but its n_ctx is {n_ctx}: "
                    f"feed it only the last n_ctx tokens"
                )
            count = torch.arange(1, tokens.shape[-1] + 1, device=tokens.device)
            peak = (7 * tokens.cumsum(dim=-1) + count) % d_vocab
            return 5.0 * torch.nn.functional.one_hot(peak, d_vocab).to(torch.float64)

    return generate(WindowStub(), prompt, max_new, **options)


@remote
def generate_with_fixed_logits(logits, n_ctx, prompt, max_new, options):
    import types

    class FixedLogits:
        """A toy 'model' that returns the same logits at every position, whatever the tokens."""

        cfg = types.SimpleNamespace(n_ctx=n_ctx, d_vocab=logits.shape[-1])

        def __call__(self, tokens):
            if tokens.shape[-1] > n_ctx:
                raise ValueError(
                    f"the model was called with {tokens.shape[-1]} positions, but its n_ctx is {n_ctx}: "
                    f"feed it only the last n_ctx tokens"
                )
            return logits.expand(tokens.shape[0], tokens.shape[1], -1).clone()

    return generate(FixedLogits(), prompt, max_new, **options)


def expect_tokens(got, prompt, max_new, name):
    """Shape, dtype and the unchanged prompt; returns the new tokens."""
    batch, pos = prompt.shape
    if not isinstance(got, torch.Tensor):
        fail(
            f"`generate` returned {compare.describe(got)}; expected an int64 tensor of shape {(batch, pos + max_new)}.",
            got=got,
        )
    if tuple(got.shape) != (batch, pos + max_new):
        extra = (
            " It looks like only the new tokens: return the prompt followed by them."
            if tuple(got.shape) == (batch, max_new)
            else ""
        )
        fail(
            f"`generate` returned shape {tuple(got.shape)} for {name}; expected {(batch, pos + max_new)}, that is "
            f"(batch, prompt length + max_new).{extra}",
            got=got,
        )
    expect(
        got.dtype == torch.int64,
        f"`generate` returned {str(got.dtype).removeprefix('torch.')} tokens; expected int64.",
        got=got,
    )
    expect(
        torch.equal(got[:, :pos], prompt),
        "The returned tensor does not start with the prompt: return the whole prompt, then the new tokens.",
        got=got,
    )
    return got[:, pos:]


def greedy_reference(cfg, state, prompt, max_new):
    tokens = prompt
    for _ in range(max_new):
        logits = ref.forward(tokens[:, -cfg.n_ctx :], state, cfg)[:, -1]
        top2 = logits.topk(2, dim=-1).values
        assert bool((top2[:, 0] - top2[:, 1] > 1e-6).all()), "near-tie in the check's greedy reference"
        tokens = torch.cat([tokens, logits.argmax(-1, keepdim=True)], dim=1)
    return tokens


def expect_greedy(cfg, seed, batch, pos, max_new):
    state = ref.random_state_dict(cfg, seed=seed)
    prompt = torch.randint(0, cfg.d_vocab, (batch, pos), generator=torch.Generator().manual_seed(100 + seed))
    got = learner.run(generate_with_model, cfg.as_dict(), state, prompt, max_new, {"temperature": 0.0})
    new = expect_tokens(got, prompt, max_new, f"a prompt {tuple(prompt.shape)}")
    expected = greedy_reference(cfg, state, prompt, max_new)[:, pos:]
    bad = (new != expected).nonzero()
    if len(bad):
        b, step = (int(i) for i in bad[bad[:, 1].argmin()])
        fail(
            f"Greedy decoding differs first at row {b}, new token {step}: got {int(new[b, step])}, expected "
            f"{int(expected[b, step])} (the argmax of the logits at the last position, for the last "
            f"min(length, n_ctx = {cfg.n_ctx}) tokens). Expected new tokens of row {b}: {expected[b].tolist()}; "
            f"yours: {new[b].tolist()}.",
            got=got,
        )


def stub_window_reference(prompt, max_new, n_ctx, d_vocab):
    tokens = prompt
    for _ in range(max_new):
        window = tokens[:, -n_ctx:]
        nxt = (7 * window.sum(dim=1, keepdim=True) + window.shape[1]) % d_vocab
        tokens = torch.cat([tokens, nxt], dim=1)
    return tokens


def sample_fixed(options, seed, rows=ROWS, steps=STEPS, logits=FIXED):
    prompt = torch.randint(0, logits.shape[0], (rows, 1))
    got = learner.run(generate_with_fixed_logits, logits, STUB_CTX, prompt, steps, dict(options, seed=seed))
    return expect_tokens(got, prompt, steps, f"a prompt {tuple(prompt.shape)}"), got


def expect_frequencies(new, got, probs, what):
    n = new.numel()
    out_of_range = (new < 0) | (new >= probs.shape[0])
    if bool(out_of_range.any()):
        b, t = (int(i) for i in out_of_range.nonzero()[0])
        fail(
            f"New token {t} of row {b} is {int(new[b, t])}, outside the vocabulary 0..{probs.shape[0] - 1} "
            f"({int(out_of_range.sum())} such tokens in {n}). A hand-written sampler must never return d_vocab, "
            "even when the cumulative sum of the probabilities ends slightly below 1.",
            got=got,
        )
    counts = torch.bincount(new.reshape(-1), minlength=probs.shape[0]).double()
    outside = (probs == 0) & (counts > 0)
    if bool(outside.any()):
        j = int(outside.nonzero()[0])
        fail(f"Token {j} has probability 0 ({what}) but came up {int(counts[j])} times in {n} samples.", got=got)
    freq = counts / n
    se = (probs * (1 - probs) / n).sqrt()
    z = torch.where(se > 0, (freq - probs).abs() / se, torch.zeros_like(se))
    j = int(z.argmax())
    if z[j] > 5:
        fail(
            f"Token {j} came up with frequency {freq[j].item():.4f}, but its probability is {probs[j].item():.4f} "
            f"({what}): {z[j].item():.1f} standard errors away (allowed: 5); N = {n}. All frequencies: "
            f"{[round(v, 4) for v in freq.tolist()]}; probabilities: {[round(v, 4) for v in probs.tolist()]}.",
            got=got,
        )


@test(
    "greedy (temperature=0) gives the reference's greedy tokens exactly: the model d_model=48, n_heads=3, "
    "d_head=16, d_mlp=80, n_layers=2, d_vocab=101, n_ctx=32; prompt (2, 5), 20 new tokens"
)
def greedy_default():
    expect_greedy(DEFAULT, seed=0, batch=2, pos=5, max_new=20)


@test(
    "greedy past n_ctx: d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=3, d_vocab=29, n_ctx=13; "
    "prompt (2, 9), 12 new tokens, so the window slides"
)
def greedy_sliding():
    expect_greedy(OTHER, seed=2, batch=2, pos=9, max_new=12)


@test(
    "a prompt longer than n_ctx (3 rows of 20 tokens, n_ctx=13) is cropped: the model always sees the last "
    "n_ctx tokens (a stub model whose output depends on the whole window)"
)
def cropped():
    n_ctx, d_vocab, max_new = 13, 31, 6
    prompt = torch.randint(0, d_vocab, (3, 20))
    got = learner.run(generate_with_window_stub, n_ctx, d_vocab, prompt, max_new, {"temperature": 0.0})
    new = expect_tokens(got, prompt, max_new, "a prompt (3, 20)")
    expected = stub_window_reference(prompt, max_new, n_ctx, d_vocab)[:, 20:]
    if not torch.equal(new, expected):
        fail(
            f"With a window-dependent stub model, greedy decoding gave new tokens {new.tolist()}; feeding the model "
            f"the last n_ctx = {n_ctx} tokens at each step gives {expected.tolist()}. Crop with tokens[:, -n_ctx:] "
            "(the most recent tokens), and read the logits at the last position.",
            got=got,
        )


@test(
    "sampling at temperature 1: the frequencies of N = 50 000 new tokens (1000 rows x 50 steps, a stub model with "
    "fixed logits over 7 tokens) are within 5 standard errors of softmax(logits)"
)
def temperature_one():
    new, got = sample_fixed({"temperature": 1.0}, seed=1)
    expect_frequencies(new, got, torch.softmax(FIXED.double(), -1), "softmax(logits)")


@test("temperature 0.5: frequencies within 5 standard errors of softmax(logits / 0.5) (N = 50 000)")
def temperature_half():
    new, got = sample_fixed({"temperature": 0.5}, seed=2)
    expect_frequencies(new, got, torch.softmax(FIXED.double() / 0.5, -1), "softmax(logits / 0.5)")


@test("top_k=3: no token outside the top 3 in N = 50 000 samples, and the top 3 in proportion to softmax")
def top_k():
    new, got = sample_fixed({"temperature": 1.0, "top_k": 3}, seed=3)
    keep = FIXED >= FIXED.topk(3).values[-1]
    probs = torch.softmax(FIXED.double().masked_fill(~keep, float("-inf")), -1)
    expect_frequencies(new, got, probs, f"top_k=3 keeps tokens {keep.nonzero().flatten().tolist()} only")


@test(
    "top_k=3 with ties at the 3rd largest logit: all tied tokens are kept (5 of 7), in proportion to softmax, and "
    "a token with logit -inf never appears (N = 50 000)"
)
def top_k_ties():
    new, got = sample_fixed({"temperature": 1.0, "top_k": 3}, seed=5, logits=TIED)
    keep = TIED >= TIED.topk(3).values[-1]
    probs = torch.softmax(TIED.double().masked_fill(~keep, float("-inf")), -1)
    expect_frequencies(
        new,
        got,
        probs,
        f"top_k=3 keeps every logit >= the 3rd largest, 1.0: tokens {keep.nonzero().flatten().tolist()}, ties included",
    )


@remote
def global_state_after(logits, n_ctx, prompt, max_new, options):
    """Whether generate touched torch's global random generator or left gradients switched off."""
    import types

    import torch

    class FixedLogits:
        cfg = types.SimpleNamespace(n_ctx=n_ctx, d_vocab=logits.shape[-1])

        def __call__(self, tokens):
            return logits.expand(tokens.shape[0], tokens.shape[1], -1).clone()

    torch.manual_seed(20250611)
    before = torch.get_rng_state()
    generate(FixedLogits(), prompt, max_new, **options)
    return {
        "rng_touched": not torch.equal(before, torch.get_rng_state()) or torch.initial_seed() != 20250611,
        "grad_enabled": torch.is_grad_enabled(),
    }


@test(
    "leaves the process as it found it: torch's global random generator untouched (draws use the seeded "
    "generator), gradients still on afterwards"
)
def global_state():
    after = learner.run(
        global_state_after, FIXED, STUB_CTX, torch.zeros(4, 1, dtype=torch.int64), 5, {"temperature": 1.0, "seed": 3}
    )
    expect(
        not after["rng_touched"],
        "Your generate used or reseeded torch's global random generator (torch.manual_seed, or a draw without "
        "generator=gen): the caller's own random numbers then change, or repeat. Make one "
        "torch.Generator().manual_seed(seed) and pass it to every draw.",
    )
    expect(
        after["grad_enabled"],
        "After generate returns, gradients are switched off for the whole process (torch.set_grad_enabled(False) "
        "never undone): the caller's next training step would fail. Use `with torch.no_grad():` around the loop.",
    )


@test("seeded: the same seed gives the same tokens, another seed different ones (20 rows x 30 steps)")
def seeded():
    a, got = sample_fixed({"temperature": 1.0}, seed=11, rows=20, steps=30)
    b, _ = sample_fixed({"temperature": 1.0}, seed=11, rows=20, steps=30)
    expect(
        torch.equal(a, b),
        "Two calls with seed=11 gave different tokens: create one "
        "torch.Generator().manual_seed(seed) per call and pass it to every sampling call (generator=gen).",
        got=got,
    )
    c, _ = sample_fixed({"temperature": 1.0}, seed=12, rows=20, steps=30)
    expect(not torch.equal(a, c), "Seeds 11 and 12 gave the same tokens: use `seed`.", got=got)


@test(
    "draws are independent across steps and across rows: equal pairs occur at the rate sum(p^2), within "
    "5 standard errors (25 000 pairs each)"
)
def independent():
    new, got = sample_fixed({"temperature": 1.0}, seed=4)
    p = torch.softmax(FIXED.double(), -1)
    q = float((p**2).sum())
    for pairs, what, cause in (
        (
            (new[:, 0::2], new[:, 1::2]),
            "two successive new tokens of a row",
            "Is the generator re-created (re-seeded) at every step, so that every step draws the same random number?",
        ),
        (
            (new[0::2], new[1::2]),
            "the same step of two different rows",
            "Do all rows share one draw? Sample every row separately, e.g. torch.multinomial(probs, 1) on "
            "probs of shape (batch, d_vocab).",
        ),
    ):
        a, b = pairs
        rate, n = (a == b).double().mean().item(), a.numel()
        se = math.sqrt(q * (1 - q) / n)
        if abs(rate - q) > 5 * se:
            fail(
                f"{what.capitalize()} are equal {rate:.1%} of the time; independent draws from these probabilities "
                f"are equal {q:.1%} of the time (allowed: ±{5 * se:.1%}, 5 standard errors, over {n} pairs). "
                f"{cause}",
                got=got,
            )
