"""Masked scores are set to -100: that is not far enough below real scores to vanish after softmax when scores are large. Use -inf (or any value <= -1e4)."""
import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    q_pos, k_pos = scores.shape[-2:]
    future = torch.ones(q_pos, k_pos, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill(future, -100.0)
