"""The past is masked instead of the future (a lower triangle): query q may see keys 0..q, so mask the entries above the diagonal, k > q."""
import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    q_pos, k_pos = scores.shape[-2:]
    future = torch.ones(q_pos, k_pos, dtype=torch.bool, device=scores.device).tril(-1)
    return scores.masked_fill(future, float("-inf"))
