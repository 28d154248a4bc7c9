"""Subtract alpha once per occurrence with index_put_(accumulate=True) on a copy: repeated (row, token) pairs add
up instead of overwriting each other."""
import torch


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    out = logits.clone()
    rows = torch.arange(prev.shape[0], device=prev.device)[:, None].expand_as(prev)
    penalty = torch.full(prev.shape, -alpha, dtype=logits.dtype, device=logits.device)
    out.index_put_((rows.reshape(-1), prev.reshape(-1)), penalty.reshape(-1), accumulate=True)
    return out
