"""`F.one_hot(prev)` without num_classes: it makes only max(prev) + 1 classes, which is fewer than d_vocab whenever the top tokens are absent (and fails on an empty history). Pass num_classes=logits.shape[-1]."""
import torch
import torch.nn.functional as F


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    counts = F.one_hot(prev).sum(dim=1).to(logits.dtype)
    return logits - alpha * counts
