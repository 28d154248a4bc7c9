import torch


def pick(logprobs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    return logprobs[torch.arange(logprobs.shape[0]), targets]


def select_positions(h: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
    index = pos[:, :, None].expand(-1, -1, h.shape[2])
    return h.gather(1, index)
