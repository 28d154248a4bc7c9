import torch

from grader.checks import test, learner, remote, expect, expect_tensor

DIMS = "(batch, d_vocab)"


def reference(logits, prev, alpha):
    counts = (
        torch.stack([torch.bincount(row, minlength=logits.shape[1]) for row in prev])
        if prev.shape[1]
        else torch.zeros(logits.shape, dtype=torch.int64)
    )
    return logits - alpha * counts.to(logits.dtype)


@test("exact on a small example with repeats: batch 2, d_vocab 6, history of 4 tokens, alpha 0.5")
def small_example():
    logits = torch.tensor([[2.0, 1.0, 0.5, 0.0, -1.0, 3.0], [0.25, -0.5, 1.5, 2.0, 0.0, 1.0]], dtype=torch.float64)
    prev = torch.tensor([[2, 2, 5, 2], [0, 1, 1, 4]])
    # Row 0: token 2 three times, token 5 once. Row 1: tokens 0 and 4 once, token 1 twice.
    expected = torch.tensor([[2.0, 1.0, -1.0, 0.0, -1.0, 2.5], [-0.25, -1.5, 1.5, 2.0, -0.5, 1.0]], dtype=torch.float64)
    expect_tensor(learner.frequency_penalty(logits, prev, 0.5), expected, dims=DIMS, exact=True)


@test("random float64 logits: batch 3, d_vocab 11, history of 17 tokens with many repeats, alpha 0.3")
def random_repeats():
    logits = torch.randn(3, 11, dtype=torch.float64)
    prev = torch.randint(0, 4, (3, 17))  # only tokens 0..3: every one repeats
    prev[1] = torch.randint(0, 11, (17,))
    prev[2, :9] = 7
    expect_tensor(learner.frequency_penalty(logits, prev, 0.3), reference(logits, prev, 0.3), dims=DIMS)


@test("each row is penalised by its own history only: batch 4, d_vocab 9, row 0's history is 12 copies of token 5")
def rows_separate():
    logits = torch.randn(4, 9, dtype=torch.float64)
    prev = torch.randint(0, 9, (4, 12))
    prev[0] = 5
    expect_tensor(learner.frequency_penalty(logits, prev, 0.7), reference(logits, prev, 0.7), dims=DIMS)


@test("an empty history (batch 2, pos 0) leaves the logits unchanged")
def empty_history():
    logits = torch.randn(2, 5, dtype=torch.float64)
    prev = torch.zeros(2, 0, dtype=torch.int64)
    expect_tensor(learner.frequency_penalty(logits, prev, 1.5), logits.clone(), dims=DIMS, exact=True)


@test(
    "float32 logits stay float32, and a non-contiguous (transposed) history is read correctly: batch 3, "
    "d_vocab 13, history of 8 tokens, alpha 1.25"
)
def float32_strided():
    logits = torch.randn(3, 13)
    prev = torch.randint(0, 6, (8, 3)).t()  # (3, 8), not contiguous
    expect_tensor(learner.frequency_penalty(logits, prev, 1.25), reference(logits, prev, 1.25), dims=DIMS)


@remote
def shares_memory(logits, prev, alpha):
    """Whether the learner's result is the input tensor itself, or a view of its memory."""
    out = frequency_penalty(logits, prev, alpha)
    return bool(out is logits or (hasattr(out, "data_ptr") and out.data_ptr() == logits.data_ptr()))


@test("the result is a new tensor even when nothing changes (an empty history; alpha = 0)")
def new_tensor():
    for prev, alpha in ((torch.zeros(2, 0, dtype=torch.int64), 1.5), (torch.randint(0, 5, (2, 6)), 0.0)):
        logits = torch.randn(2, 5, dtype=torch.float64)
        expect_tensor(learner.frequency_penalty(logits, prev, alpha), logits.clone(), dims=DIMS, exact=True)
        expect(
            not learner.run(shares_memory, logits, prev, alpha),
            f"With prev of shape {tuple(prev.shape)} and alpha = {alpha}, `frequency_penalty` returned the logits "
            "tensor itself (or a view of it): the caller then holds one tensor under two names, and changing the "
            "result in place changes the original. Return a new tensor every time (`logits.clone()`, or "
            "`logits - alpha * counts`).",
        )
