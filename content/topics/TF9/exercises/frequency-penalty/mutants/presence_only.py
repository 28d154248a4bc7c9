"""Each token that occurs is penalised once, however often it occurs: `out[rows, prev] -= alpha` with repeated indices writes each position once instead of adding up. Count the occurrences (scatter_add_, index_put_ with accumulate=True, or bincount per row) and subtract alpha times the count."""
import torch


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    out = logits.clone()
    rows = torch.arange(logits.shape[0])[:, None]
    out[rows, prev] -= alpha
    return out
