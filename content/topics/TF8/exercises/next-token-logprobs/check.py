import torch

from grader.checks import expect, expect_tensor, learner, rand, test

DIMS = "(batch, pos - 1)"


def reference(logits, tokens):
    # Written differently from the lesson on purpose: logits minus their logsumexp, indexed with arange.
    logits = logits.double()
    B, T, _ = logits.shape
    lse = torch.logsumexp(logits[:, :-1], dim=-1)
    b = torch.arange(B, device=logits.device)[:, None]
    t = torch.arange(T - 1, device=logits.device)[None, :]
    return logits[b, t, tokens[:, 1:]] - lse


def run(logits, tokens, **kw):
    expected = reference(logits, tokens).to(logits.dtype)
    expect_tensor(learner.next_token_logprobs(logits, tokens), expected, dims=DIMS, **kw)


@test("random float64 logits: batch 2, pos 11, d_vocab 29 (out[b, t] scores token t + 1)")
def random_f64():
    logits, tokens = rand(2, 11, 29, scale=2.0), torch.randint(0, 29, (2, 11))
    run(logits, tokens)


@test("float32 logits give float32 log-probabilities: batch 3, pos 7, d_vocab 50")
def random_f32():
    logits, tokens = rand(3, 7, 50, dtype=torch.float32, scale=3.0), torch.randint(0, 50, (3, 7))
    run(logits, tokens)


@test(
    "stable for a saturated model: logits of +-1000 give exact, finite log-probabilities such as -2000 "
    "(batch 2, pos 9, d_vocab 13)"
)
def saturated():
    logits = torch.where(rand(2, 9, 13) > 0, 1000.0, -1000.0).double() + rand(2, 9, 13, scale=0.5)
    logits[1, 4] = -1000.0  # a row where every logit is -1000: still log(1/13)
    tokens = torch.randint(0, 13, (2, 9))
    out = learner.next_token_logprobs(logits, tokens)
    if isinstance(out, torch.Tensor) and out.shape == (2, 8) and out.is_floating_point():
        expect(
            bool(torch.isfinite(out).all()),
            f"{int((~torch.isfinite(out)).sum())} of 16 log-probabilities are inf or NaN for logits of +-1000 "
            "(the exact values are finite, about 0 or -2000).",
            got=out,
        )
    run(logits, tokens)


@test("a single position has nothing to predict: pos 1 gives shape (batch, 0) (batch 4, d_vocab 6)")
def single_position():
    run(rand(4, 1, 6), torch.randint(0, 6, (4, 1)))


@test(
    "non-contiguous inputs: logits a transposed view, tokens a strided slice expanded over the batch "
    "(batch 3, pos 8, d_vocab 17)"
)
def non_contiguous():
    logits = rand(8, 3, 17).transpose(0, 1)  # (3, 8, 17), not contiguous
    tokens = torch.randint(0, 17, (1, 16))[:, ::2].expand(3, -1)  # (3, 8), strides (0, 2)
    run(logits, tokens)
