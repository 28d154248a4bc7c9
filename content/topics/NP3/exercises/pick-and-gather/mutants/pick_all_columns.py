"""logprobs[:, targets] takes every target column for every row, giving (B, B): pair each row with its own target, logprobs[torch.arange(B), targets]."""
import torch


def pick(logprobs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return logprobs[:, targets]


def select_positions(h: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
    index = pos[:, :, None].expand(-1, -1, h.shape[2])
    return h.gather(1, index)
