"""The penalty is added: a positive alpha must make repeated tokens LESS likely, logits - alpha * count."""
import torch


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    counts = torch.zeros_like(logits)
    counts.scatter_add_(1, prev, torch.ones_like(prev, dtype=logits.dtype))
    return logits + alpha * counts
