"""The logits are changed in place (scatter_add_ on the input) and returned: the caller's logits change too. Work on a new tensor."""
import torch


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    return logits.scatter_add_(1, prev, torch.full(prev.shape, -alpha, dtype=logits.dtype))
