"""One row at a time: torch.bincount counts each token id in that row's history (minlength makes the vector
d_vocab long even when the largest ids never occur), and the counts are stacked into a (batch, d_vocab) tensor."""
import torch


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    d_vocab = logits.shape[-1]
    counts = torch.stack([torch.bincount(row, minlength=d_vocab) for row in prev])
    return logits - alpha * counts.to(logits.dtype)
