"""You negated the entries inside x itself (a masked assignment on the input): build a new tensor, e.g. with torch.where, or clone x first."""
import torch


def negate_between(x: torch.Tensor, lo, hi) -> torch.Tensor:
    m = (x > lo) & (x < hi)
    x[m] = -x[m]
    return x


def common_values(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    in_b = (a[:, None] == b[None, :]).any(dim=1)
    return torch.unique(a[in_b])


def round_away(x: torch.Tensor) -> torch.Tensor:
    return torch.sign(x) * torch.ceil(torch.abs(x))
