"""Your gather index has size 1 along the feature axis, so only feature 0 is read (shape (B, K, 1)): expand the index to (B, K, D) first, pos[:, :, None].expand(-1, -1, D)."""
import torch


def pick(logprobs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return logprobs[torch.arange(logprobs.shape[0]), targets]


def select_positions(h: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
    return h.gather(1, pos[:, :, None])
