import torch


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    """Penalise each token by how often it already occurs in its own row's history.

    logits: (batch, d_vocab) float; prev: (batch, pos) int64 token ids in 0 .. d_vocab - 1 (pos may be 0);
    alpha: a float. Returns a NEW tensor, same shape and dtype as logits:
        out[b, j] = logits[b, j] - alpha * (number of times token j occurs in prev[b]).
    Do not change `logits`.
    """
    raise NotImplementedError
