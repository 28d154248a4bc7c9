"""nanoGPT's layout: a lower-triangular matrix of ones marks what a query may see, and the scores where it is 0
are filled with -inf (nanoGPT keeps it as a buffer of n_ctx x n_ctx and slices it; here it is built per call)."""
import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    T = scores.size(-1)
    bias = torch.tril(torch.ones(T, T, device=scores.device)).view(1, 1, T, T)
    return scores.masked_fill(bias[:, :, :T, :T] == 0, float("-inf"))
