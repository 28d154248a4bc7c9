import torch
from grader.checks import test, learner, expect, expect_tensor, rand, remote

NEG_INF = float("-inf")


def ref_filter(logits, k):
    # Sort each row; the k-th largest value is the threshold.
    kth = logits.sort(dim=-1, descending=True).values[:, k - 1 : k]
    out = logits.clone()
    out[logits < kth] = NEG_INF
    return out


def tied_logits(batch, vocab):
    """Small integers, so rows have many ties."""
    return torch.randint(-3, 4, (batch, vocab)).to(torch.float64)


@test("apply_temperature: T = 0.5, 1 and 3 on random logits (batch = 3, vocab = 7)")
def temperature():
    logits = 2 * rand(3, 7)
    for T in (0.5, 1.0, 3.0):
        expect_tensor(
            learner.apply_temperature(logits, T), logits / T, rtol=1e-15, atol=0, dims="(batch, vocab) = (3, 7)"
        )


@test("top_k_filter: the worked example (3, 1, 2, 2, 0) with k = 2 keeps the tie, and k = 1")
def worked_example():
    logits = torch.tensor([[3.0, 1.0, 2.0, 2.0, 0.0]])
    expect_tensor(learner.top_k_filter(logits, 2), ref_filter(logits, 2), exact=True, dims="(1, 5)")
    expect_tensor(learner.top_k_filter(logits, 1), ref_filter(logits, 1), exact=True, dims="(1, 5)")


@test("top_k_filter: random distinct logits, batch = 4, vocab = 9, k = 3: each row keeps exactly 3")
def random_distinct():
    logits = rand(4, 9)
    expect_tensor(learner.top_k_filter(logits, 3), ref_filter(logits, 3), exact=True, dims="(batch, vocab) = (4, 9)")


@test("top_k_filter: many ties (small integer logits), batch = 6, vocab = 8, k = 1, 2, 5")
def ties():
    logits = tied_logits(6, 8)
    for k in (1, 2, 5):
        expect_tensor(
            learner.top_k_filter(logits, k), ref_filter(logits, k), exact=True, dims="(batch, vocab) = (6, 8)"
        )


@test("top_k_filter: k = vocab keeps everything; float32 logits stay float32 (batch = 2, vocab = 5)")
def keep_all():
    logits = rand(2, 5, dtype=torch.float32)
    expect_tensor(learner.top_k_filter(logits, 5), logits, exact=True, dims="(2, 5)")


@test("after filtering, softmax gives probability 0 outside the top k (plus ties), batch = 5, vocab = 11, k = 4")
def support():
    logits = tied_logits(5, 11) + 0.5 * (torch.rand(5, 11, dtype=torch.float64) < 0.5)
    got = learner.top_k_filter(logits, 4)
    expect_tensor(got, ref_filter(logits, 4), exact=True, dims="(5, 11)")
    probs = torch.softmax(got, dim=-1)
    kth = logits.sort(dim=-1, descending=True).values[:, 3:4]
    allowed = (logits >= kth).sum(dim=-1)
    kept = (probs > 0).sum(dim=-1)
    expect(
        bool((kept == allowed).all()),
        f"Rows keep {kept.tolist()} tokens with non-zero probability; expected {allowed.tolist()} (k = 4 plus ties).",
    )


@remote
def shares_memory_with_input(which, logits, arg):
    """Whether the returned tensor is the input or a view of it (so changing one changes the other)."""
    fn = apply_temperature if which == "apply_temperature" else top_k_filter
    out = fn(logits, arg)
    return out is logits or out.untyped_storage().data_ptr() == logits.untyped_storage().data_ptr()


@test("both return a new tensor even when nothing changes (T = 1, k = vocab), not the input itself")
def new_tensor():
    logits = rand(2, 6)
    for which, arg in (("apply_temperature", 1.0), ("top_k_filter", 6)):
        shared = learner.run(shares_memory_with_input, which, logits, arg)
        expect(
            not shared,
            f"`{which}(logits, {arg})` returned the input tensor itself (or a view of it): a caller "
            "who then changes the result in place would change their logits too. Return a new tensor "
            "(for example `logits.clone()`, or an out-of-place operation).",
        )
