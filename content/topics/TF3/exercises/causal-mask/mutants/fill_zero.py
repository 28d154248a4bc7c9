"""Masked scores are set to 0: softmax turns a score of 0 into a positive weight, so the future still gets attention. Fill with -inf (or a large negative number such as -1e4 or less)."""
import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    q_pos, k_pos = scores.shape[-2:]
    future = torch.ones(q_pos, k_pos, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill(future, 0.0)
