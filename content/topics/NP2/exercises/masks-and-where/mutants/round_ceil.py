"""You rounded up (torch.ceil) for every number: negative numbers must go down, away from zero (-2.1 becomes -3, not -2)."""
import torch


def negate_between(x: torch.Tensor, lo, hi) -> torch.Tensor:
    return torch.where((x > lo) & (x < hi), -x, x)


def common_values(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    in_b = (a[:, None] == b[None, :]).any(dim=1)
    return torch.unique(a[in_b])


def round_away(x: torch.Tensor) -> torch.Tensor:
    return torch.ceil(x)
