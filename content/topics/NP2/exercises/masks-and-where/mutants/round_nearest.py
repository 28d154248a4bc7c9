"""You rounded to the nearest integer (torch.round): this exercise rounds away from zero, so 2.1 becomes 3 and -2.1 becomes -3."""
import torch


def negate_between(x: torch.Tensor, lo, hi) -> torch.Tensor:
    return torch.where((x > lo) & (x < hi), -x, x)


def common_values(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    in_b = (a[:, None] == b[None, :]).any(dim=1)
    return torch.unique(a[in_b])


def round_away(x: torch.Tensor) -> torch.Tensor:
    return torch.round(x)
