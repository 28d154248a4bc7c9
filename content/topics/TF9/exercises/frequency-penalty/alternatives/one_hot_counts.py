"""Counts as a sum of one-hot rows, with num_classes given so that the vector is d_vocab long (and an empty history
gives zeros), computed in float32 and cast to the logits' dtype at the end: counts are small integers, exact in
either."""
import torch
import torch.nn.functional as F


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    counts = F.one_hot(prev, num_classes=logits.shape[-1]).sum(dim=1).float()
    return logits - alpha * counts.to(logits.dtype)
