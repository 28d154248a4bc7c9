"""Your result still has the size-1 axis from gather (shape (B, 1)): remove it with [:, 0] or .squeeze(1)."""
import torch


def pick(logprobs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return logprobs.gather(1, targets[:, None])


def select_positions(h: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
    index = pos[:, :, None].expand(-1, -1, h.shape[2])
    return h.gather(1, index)
