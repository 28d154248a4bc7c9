import math

import torch
import torch.nn.functional as F

import gpt2_reference as ref
import tf_modules
from grader.checks import CheckFailed, device, expect, expect_tensor, fail, learner, remote, test

try:
    from grader.checks import report_curve
except ImportError:  # a grader image older than live curves: the same verdict, no chart

    def report_curve(*args, **kwargs):
        pass


# The task: a first-order Markov chain over V = 16 tokens. Row i of P is the distribution of the token after
# token i, drawn from Dirichlet(0.3) (peaked rows, so there is a lot to learn); the first token of each sequence
# comes from the stationary distribution pi, so every position has the same marginal and the best possible
# next-token loss is exactly the conditional entropy H = sum_i pi_i * entropy(P_i), at every position.
V, ALPHA = 16, 0.3
CFG = dict(d_model=36, n_heads=4, d_head=9, d_mlp=64, n_layers=2, d_vocab=V, n_ctx=24, eps=1e-5)
BATCH, LENGTH = 20, 24  # each step trains on 20 sequences of 24 tokens: 20 * 23 = 460 predictions
STEPS, LR = 300, 5e-3
HELDOUT = 1024  # held-out sequences the checker draws itself: 1024 * 23 = 23 552 predictions
# Calibration (scripts/calibrate_tf8.py: the reference solution through this file's own chain, sampler, driver
# and held-out evaluation, 30 seeds 0..29, one CPU thread): held-out loss - H mean +0.0368, sd 0.0063, min
# +0.0238, max +0.0522 (mean + 4 sd = 0.062); mean of the last 50 losses - held-out loss mean +0.0006, sd 0.0086
# (|mean| + 4 sd = 0.035); first loss mean 2.777, sd 0.014, range 2.746..2.814 (ln 16 = 2.773); H ranged
# 1.648..1.960. So the planned H + 0.1 is above mean + 4 sd, the leak bound H - 0.05 is far below the lowest
# honest value, and the curve tolerance 0.05 is above |mean| + 4 sd.
MAX_GAP = 0.10  # held-out loss <= H + MAX_GAP after STEPS steps
LEAK = 0.05  # held-out loss (and the end of your own curve) >= H - LEAK
START_TOL = 0.30  # first loss within ln V +- START_TOL
CURVE_TOL = 0.05  # mean of your last 50 losses within CURVE_TOL of the checker's held-out loss
# (the loss must also fall at least half way from the first loss to H)
MAX_TRAIN_S = 30.0  # your train_tiny_gpt's CPU time for the 300 steps (the reference: 3-4 s)

# The small model of the step-by-step test: every size distinct, randomised weights (biases, LayerNorm too).
SMALL = dict(d_model=20, n_heads=4, d_head=7, d_mlp=33, n_layers=2, d_vocab=29, n_ctx=13, eps=1e-5)


# ---- The Markov chain -------------------------------------------------------------------------------------


def markov_chain(v: int = V, alpha: float = ALPHA):
    """(P, pi, H): transition matrix (rows ~ Dirichlet(alpha)), stationary distribution, conditional entropy."""
    P = torch.distributions.Dirichlet(torch.full((v, v), alpha, dtype=torch.float64)).sample()
    P = P / P.sum(-1, keepdim=True)
    # pi P = pi and sum(pi) = 1, as one least-squares system (exact: the chain is irreducible)
    A = torch.cat([P.T - torch.eye(v, dtype=torch.float64), torch.ones(1, v, dtype=torch.float64)])
    b = torch.cat([torch.zeros(v, dtype=torch.float64), torch.ones(1, dtype=torch.float64)])
    pi = torch.linalg.lstsq(A, b[:, None]).solution[:, 0].clamp_min(0)
    pi = pi / pi.sum()
    H = float((pi * -torch.special.xlogy(P, P).sum(-1)).sum())
    return P, pi, H


def sample_chain(P, pi, n: int, length: int, generator: torch.Generator) -> torch.Tensor:
    """n sequences of `length` tokens from the chain, the first token from pi. (n, length) int64."""
    x = torch.multinomial(pi.expand(n, -1).contiguous(), 1, generator=generator)
    out = [x]
    for _ in range(length - 1):
        x = torch.multinomial(P[x[:, 0]], 1, generator=generator)
        out.append(x)
    return torch.cat(out, 1)


@remote
def markov_sampler(P, start, batch, length, seed):
    """Makes sample_batch(): each call draws `batch` fresh sequences of `length` tokens from the Markov chain
    with transition matrix P, the first token from `start`, on P's device."""
    import torch

    gen = torch.Generator(device=P.device).manual_seed(seed)
    first = start.expand(batch, -1).contiguous()

    def sample_batch():
        x = torch.multinomial(first, 1, generator=gen)
        out = [x]
        for _ in range(length - 1):
            x = torch.multinomial(P[x[:, 0]], 1, generator=gen)
            out.append(x)
        return torch.cat(out, 1)

    return sample_batch


# ---- Drivers: they run in your process, build the provided model and call your train_tiny_gpt -------------


@remote
def train_on_markov(cfg, make_sampler, P, start, batch, length, seed, steps, lr, device):
    """Builds a fresh DemoTransformer (seeded) on `device`, trains it with your train_tiny_gpt on batches from
    the chain, and returns your losses, the trained weights, the time taken and how often you drew a batch."""
    import time

    import torch

    torch.manual_seed(seed)
    model = DemoTransformer(Config(**cfg)).to(device)

    def watch(module, inputs, logits):  # each step's next-token loss, as it comes, for the page (display only)
        try:
            from grader.learner_runtime import curve_point  # absent from older grader images: no live curve

            with torch.no_grad():
                tokens = inputs[0]
                curve_point(
                    "loss",
                    torch.nn.functional.cross_entropy(logits[:, :-1].flatten(0, 1).float(), tokens[:, 1:].flatten()),
                )
        except Exception:
            pass

    model.register_forward_hook(watch)
    draw = make_sampler(P, start, batch, length, seed + 1)
    calls = [0]

    def sample_batch():
        calls[0] += 1
        return draw()

    wall, cpu = time.perf_counter(), time.process_time()
    losses = train_tiny_gpt(model, sample_batch, steps, lr)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    try:
        losses = [float(l) for l in losses]
    except Exception:
        losses = repr(losses)[:200]
    state = {name: t.detach().to("cpu").clone() for name, t in model.state_dict().items()}
    return {"losses": losses, "state": state, "wall_s": wall, "cpu_s": cpu, "calls": calls[0]}


@remote
def losses_on_fixed_batches(cfg, state, batches, lr):
    """Your train_tiny_gpt on a float64 DemoTransformer loaded with the checker's weights, given the checker's
    batches in order (one per step)."""
    import torch

    model = DemoTransformer(Config(**cfg)).to(torch.float64)
    model.load_state_dict(state)
    queue = list(batches)

    def sample_batch():
        if not queue:
            raise RuntimeError(
                f"sample_batch() was called more than steps = {len(batches)} times: draw exactly one batch per step"
            )
        return queue.pop(0)

    losses = train_tiny_gpt(model, sample_batch, len(batches), lr)
    return torch.tensor([float(l) for l in losses], dtype=torch.float64)


@remote
def global_state_after(cfg, state, batches, lr):
    """What your train_tiny_gpt leaves behind in the process: whether it reseeded torch's global generator,
    and whether gradients are still switched on (the caller's next model needs them)."""
    import torch

    torch.manual_seed(20250611)  # torch.initial_seed() reports the last seed set, so a reseed shows
    model = DemoTransformer(Config(**cfg)).to(torch.float64)
    model.load_state_dict(state)
    queue = list(batches)
    train_tiny_gpt(model, lambda: queue.pop(0) if queue else batches[-1], len(batches), lr)
    return {"reseeded": torch.initial_seed() != 20250611, "grad_enabled": torch.is_grad_enabled()}


# ---- The checker's own references --------------------------------------------------------------------------


def reference_losses(cfg, state, batches, lr):
    """The recipe of the statement, on gpt2_reference.forward: AdamW(lr), mean next-token cross-entropy."""
    params = {k: v.clone().requires_grad_(True) for k, v in state.items()}
    opt = torch.optim.AdamW(params.values(), lr=lr)
    c, losses = ref.Config(**cfg), []
    for tokens in batches:
        logits = ref.forward(tokens, params, c)
        loss = F.cross_entropy(logits[:, :-1].flatten(0, 1), tokens[:, 1:].flatten())
        opt.zero_grad()
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return torch.tensor(losses, dtype=torch.float64)


def heldout_loss(state: dict, tokens: torch.Tensor) -> float:
    """Mean next-token cross-entropy of the weights `state` on `tokens`, computed here with the project's own
    GPT-2 (gpt2_reference.forward), in float64: your code plays no part in this number."""
    p = {k: state[k].detach().to("cpu", torch.float64) for k in ref.param_shapes(ref.Config(**CFG))}
    with torch.no_grad():
        logits = ref.forward(tokens, p, ref.Config(**CFG))
        return F.cross_entropy(logits[:, :-1].flatten(0, 1), tokens[:, 1:].flatten()).item()


def describe_curve(losses) -> str:
    marks = [0, 50, 100, 200, 300, len(losses) - 1]
    return ", ".join(f"step {i}: {losses[i]:.3f}" for i in marks if i < len(losses))


def tail(losses, n=50) -> float:
    return sum(losses[-n:]) / len(losses[-n:])


def diagnosis(run: dict) -> tuple:
    """(kind, advice): the likeliest cause of a failed training run, read from the shape of your curve."""
    losses, H, heldout = run["losses"], run["H"], run["heldout"]
    first, end = losses[0], tail(losses)
    peak = max(range(len(losses)), key=losses.__getitem__)
    if end < H - LEAK:
        return "leak", (
            "Your losses end below H, which no honest prediction can do: they are measured on tokens "
            "the model can already see. Position t must predict token t + 1: logits[:, :-1] against "
            "tokens[:, 1:]."
        )
    if losses[peak] > first + 0.5 or end > first + 0.1:
        return "up", (
            f"Your loss went up (to {losses[peak]:.2f} at step {peak}): the updates grow instead of "
            "settling. Are the grads zeroed every step (otherwise each step adds all the earlier "
            "gradients), and is the lr the one you were given?"
        )
    if first - end < 0.05:
        return "flat", (
            "Your loss did not move: the weights are not changing. Is opt.step() called after each "
            "backward(), on an optimizer built from model.parameters()?"
        )
    if abs(end - heldout) > CURVE_TOL:
        return "mismatch", (
            f"The losses you return (last 50: {end:.3f} on average) are not the model's real "
            f"next-token loss ({heldout:.3f}, measured by the checker): mean cross-entropy in "
            "nats, log-softmax over the vocabulary (the last axis), logits[:, :-1] against "
            "tokens[:, 1:]."
        )
    return "slow", (
        "Your loss falls, but too slowly: is the optimizer AdamW(model.parameters(), lr=lr) with the lr "
        "you were given, is a fresh batch drawn every step, and are the grads zeroed every step?"
    )


# ---- One training run on the chain, shared by the tests below ---------------------------------------------

_run = {}


def _stop(message: str):
    """Fail this test and every later one that needs the run, with the same message."""
    _run["error"] = CheckFailed(message)
    raise _run["error"]


def markov_run() -> dict:
    """Train once (the first test that needs it), evaluate the weights here, and keep everything for the rest."""
    if "error" in _run:
        raise _run["error"]
    if "result" in _run:
        return _run["result"]
    P, pi, H = markov_chain()
    seed = int(torch.randint(0, 2**31 - 1, ()))
    heldout = sample_chain(P, pi, HELDOUT, LENGTH, torch.Generator().manual_seed(seed + 2))
    dev = device()
    report_curve("loss", floor=H, band=(H, H + MAX_GAP))  # drawn with the live curve on the learner's page
    try:
        reply = learner.run(
            train_on_markov, CFG, markov_sampler, P.to(dev), pi.to(dev), BATCH, LENGTH, seed, STEPS, LR, str(dev)
        )
    except Exception as e:  # your code raised, or was stopped: every test that needs the run says so
        _run["error"] = e
        raise
    result = {"P": P, "pi": pi, "H": H, **reply}
    losses, state = reply["losses"], reply["state"]
    if isinstance(losses, list):
        report_curve("loss", losses)  # the curve the result keeps: the losses your code returned
    shapes = ref.param_shapes(ref.Config(**CFG))
    if not isinstance(losses, list):
        _stop(
            f"`train_tiny_gpt` returned {losses}; it should return a list of Python floats, the loss of each "
            f"step ({STEPS} numbers)."
        )
    if len(losses) != STEPS:
        _stop(
            f"`train_tiny_gpt(model, sample_batch, steps={STEPS}, lr={LR})` returned {len(losses)} losses; it "
            f"should return one per step, {STEPS} in all."
        )
    wrong = [k for k in shapes if k not in state or tuple(state[k].shape) != shapes[k]]
    if wrong:
        _stop(
            "After training, the model's state dict lacks (or has a different shape for) "
            + ", ".join(wrong[:6])
            + ". Leave the provided DemoTransformer as it is."
        )
    if not all(torch.isfinite(state[k]).all() for k in shapes) or not all(math.isfinite(x) for x in losses):
        _stop(
            f"Training diverged: the losses or the weights contain NaN or inf. Your losses: {describe_curve(losses)}."
        )
    result["heldout"] = heldout_loss(state, heldout)
    _run["result"] = result
    return result


# ---- Tests ------------------------------------------------------------------------------------------------


def perturb_after(tokens, t, vocab):
    changed = tokens.clone()
    changed[:, t + 1 :] = (changed[:, t + 1 :] + 1 + torch.randint(0, vocab - 1, changed[:, t + 1 :].shape)) % vocab
    return changed


@test(
    "gate: the model you train is causal (changing the tokens after position 5 leaves logits 0..5 unchanged)", points=0
)
def causal_gate():
    cfg = ref.Config(**SMALL)
    state = ref.random_state_dict(cfg, seed=int(torch.randint(0, 2**31 - 1, ())))
    tokens = torch.randint(0, cfg.d_vocab, (2, 11))
    changed = perturb_after(tokens, 5, cfg.d_vocab)
    before = tf_modules.run_module("DemoTransformer", SMALL, state, tokens)
    after = tf_modules.run_module("DemoTransformer", SMALL, state, changed)
    if not (
        isinstance(before, torch.Tensor)
        and isinstance(after, torch.Tensor)
        and before.shape == after.shape == (2, 11, cfg.d_vocab)
    ):
        fail(
            f"DemoTransformer(cfg)(tokens) should give logits of shape (2, 11, {cfg.d_vocab}), that is "
            "(batch, pos, d_vocab). Leave the provided model as it is."
        )
    change = (before[:, :6] - after[:, :6]).abs()
    if change.max() > 1e-9:
        where = [int(i) for i in torch.unravel_index(change.argmax(), change.shape)]
        fail(
            f"Changing only the tokens after position 5 changed your model's logits at positions 0..5 (the "
            f"largest change is {change.max():.3g} at [batch {where[0]}, pos {where[1]}, token {where[2]}]). The "
            "model can see the tokens it has to predict, so every loss it reports would be a leak. The "
            "provided DemoTransformer masks the keys after each query; put that mask back."
        )


@test(
    "the provided DemoTransformer still computes GPT-2 (strict TransformerLens names, float64 logits against the "
    "reference; d_model 20, 4 heads of 7, d_mlp 33, 2 layers, vocab 29; batch 2, pos 11)"
)
def model_unchanged():
    cfg = ref.Config(**SMALL)
    state = ref.random_state_dict(cfg, seed=int(torch.randint(0, 2**31 - 1, ())))
    tokens = torch.randint(0, cfg.d_vocab, (2, 11))
    got = tf_modules.run_module("DemoTransformer", SMALL, state, tokens)
    expect_tensor(
        got,
        ref.forward(tokens, state, cfg),
        rtol=1e-8,
        atol=1e-10,
        name="DemoTransformer(cfg)(tokens), the provided model",
        dims="(batch, pos, d_vocab)",
    )


@test(
    "leaves the process as it found it: torch's global seed not reset, gradients still on (2 steps on the small model)"
)
def global_state():
    cfg = ref.Config(**SMALL)
    state = ref.random_state_dict(cfg, seed=int(torch.randint(0, 2**31 - 1, ())))
    batches = [torch.randint(0, cfg.d_vocab, (2, 11)) for _ in range(2)]
    after = learner.run(global_state_after, SMALL, state, batches, 0.01)
    expect(
        not after["reseeded"],
        "Your train_tiny_gpt calls torch.manual_seed: that resets the random numbers of the whole program, so the "
        "caller's later draws (its data, its dropout, its next model) repeat silently. Leave seeding to the "
        "caller; if you need your own randomness, use a torch.Generator.",
    )
    expect(
        after["grad_enabled"],
        "After your train_tiny_gpt returns, gradients are switched off for the whole process "
        "(torch.set_grad_enabled(False), or a no_grad context entered and never left): the caller's next "
        "backward() would fail. Use `with torch.no_grad():` around only the code that needs it.",
    )


@test(
    "per-step losses follow the recipe (AdamW, lr 0.01, mean next-token cross-entropy, one batch per step): "
    "6 float64 steps on the small model with the checker's weights and batches"
)
def recipe():
    cfg = ref.Config(**SMALL)
    state = ref.random_state_dict(cfg, seed=int(torch.randint(0, 2**31 - 1, ())))
    batches = [torch.randint(0, cfg.d_vocab, (2, 11)) for _ in range(6)]
    got = learner.run(losses_on_fixed_batches, SMALL, state, batches, 0.01)
    expected = reference_losses(SMALL, state, batches, 0.01)
    if isinstance(got, torch.Tensor) and got.shape == expected.shape:
        close = torch.isclose(got, expected, rtol=1e-7, atol=1e-9)
        if not close[0]:
            fail(
                f"Your first loss, before any update, is {got[0]:.6f}; the recipe's is {expected[0]:.6f}. So the "
                "loss itself differs: the mean over the batch and positions 0..pos-2 of minus the log-softmax "
                "(over the vocabulary) at the next token, logits[:, :-1] against tokens[:, 1:].",
                got=got,
            )
        if not close.all():
            step = int((~close).nonzero()[0])
            fail(
                f"Your first loss matches the recipe's ({expected[0]:.6f}), so the loss is right, but from step "
                f"{step} on the losses differ (step {step}: yours {got[step]:.6f}, the recipe's "
                f"{expected[step]:.6f}), so the update differs: AdamW(model.parameters(), lr=lr), the grads "
                "zeroed before every backward, one opt.step() per batch.",
                got=got,
            )
    expect_tensor(
        got,
        expected,
        rtol=1e-7,
        atol=1e-9,
        name="the losses returned by train_tiny_gpt (one per step, 6 steps)",
        dims="(steps,)",
    )


@test(
    f"Markov chain (V = {V}, rows ~ Dirichlet({ALPHA})): the first loss is within {START_TOL} of ln {V} = "
    f"{math.log(V):.3f} (a fresh model guesses uniformly)"
)
def first_loss():
    run = markov_run()
    first = run["losses"][0]
    if abs(first - math.log(V)) <= START_TOL:
        return
    if abs(first / math.log2(V) - 1) < 0.1:
        why = f"It is about log2({V}) = {math.log2(V):.0f}: is the loss in bits (log2) instead of nats?"
    elif first > 2 * math.log(V):
        why = (
            f"It is about {first / math.log(V):.0f} times ln {V}: is the loss summed instead of averaged over the "
            "batch and the positions?"
        )
    elif first > math.log(V):
        why = (
            "It is too high for a uniform guess: is the log-softmax over the vocabulary (the last axis), and "
            "the loss the mean next-token cross-entropy?"
        )
    else:
        why = "It is too low for a guess: does the model see the token it has to predict (targets not shifted?)"
    fail(
        f"Your first loss is {first:.4f}; a freshly initialised model predicts nearly uniformly over {V} tokens, "
        f"so it should be close to ln {V} = {math.log(V):.3f} (within {START_TOL}). {why}"
    )


@test(
    f"your losses are a real training curve: one fresh batch per step, falling, and ending within {CURVE_TOL} "
    "of the held-out loss the checker measures on your trained weights"
)
def curve_plausible():
    run = markov_run()
    losses, calls = run["losses"], run["calls"]
    expect(
        calls == STEPS,
        f"sample_batch() was called {calls} times in {STEPS} steps: draw exactly one fresh "
        "batch per step (the same batch again and again teaches the model that batch).",
    )
    end = tail(losses)
    expect(
        end <= (losses[0] + run["H"]) / 2,
        f"Your loss did not fall at least half way from where it started to H = {run['H']:.3f}: "
        f"{describe_curve(losses)}. {diagnosis(run)[1]}",
    )
    kind, advice = diagnosis(run)
    expect(
        abs(end - run["heldout"]) <= CURVE_TOL,
        f"The mean of your last 50 losses is {end:.3f}, but the checker's own held-out loss for the weights you "
        f"trained is {run['heldout']:.3f} (the reference GPT-2 on fresh data). "
        + (
            advice
            if kind != "mismatch"
            else "The numbers you return should be the model's next-token loss: "
            "mean cross-entropy in nats, log-softmax over the vocabulary (the last axis), logits[:, :-1] "
            "against tokens[:, 1:]."
        ),
    )


@test(
    f"after {STEPS} steps (lr {LR}) the held-out loss is at most H + {MAX_GAP}, where H is the chain's exact "
    "conditional entropy (the best possible loss); evaluated by the checker on 1024 fresh sequences"
)
def learns_the_chain():
    run = markov_run()
    H, got = run["H"], run["heldout"]
    expect(
        got <= H + MAX_GAP,
        f"Held-out loss after {STEPS} steps: {got:.3f}; the best possible on this chain is H = {H:.3f} and the "
        f"check wants at most {H + MAX_GAP:.3f} (a fresh model scores about {math.log(V):.3f}). Your losses: "
        f"{describe_curve(run['losses'])}. {diagnosis(run)[1]}",
    )


@test(f"no leak: neither the held-out loss nor the mean of your last 50 losses is below H - {LEAK}")
def no_leak():
    run = markov_run()
    H, end, got = run["H"], tail(run["losses"]), run["heldout"]
    expect(
        end >= H - LEAK,
        f"The mean of your last 50 training losses is {end:.3f}, below the best possible on this data, "
        f"H = {H:.3f}: your loss is measured on tokens the model can see. Position t must predict token "
        "t + 1: logits[:, :-1] against tokens[:, 1:].",
    )
    expect(
        got >= H - LEAK,
        f"Held-out loss {got:.3f} is below the best possible H = {H:.3f}: that cannot happen with honest "
        "weights on fresh data. Please report this (it is the checker's problem, not yours).",
    )


@test(f"time: your {STEPS} training steps take at most {MAX_TRAIN_S:.0f} s of CPU time (the reference: about 4 s)")
def time_cap():
    run = markov_run()
    # CPU time: it does not depend on what else the machine is doing (on a GPU, the wall time is what counts)
    spent = run["cpu_s"] if device().type == "cpu" else run["wall_s"]
    expect(
        spent <= MAX_TRAIN_S,
        f"Your train_tiny_gpt took {spent:.1f} s ({'CPU' if device().type == 'cpu' else 'wall'} time) for "
        f"{STEPS} steps. Do one forward and one backward per step; keep only loss.item() (a kept loss tensor "
        "keeps its whole graph alive); no evaluation or printing inside the loop.",
    )
