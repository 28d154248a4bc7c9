import torch


def pick(logprobs: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    """(B, V), (B,) -> (B,): entry b is logprobs[b, targets[b]]."""
    raise NotImplementedError


def select_positions(h: torch.Tensor, pos: torch.Tensor) -> torch.Tensor:
    """(B, T, D), (B, K) -> (B, K, D): entry [b, k] is h[b, pos[b, k]]."""
    raise NotImplementedError
