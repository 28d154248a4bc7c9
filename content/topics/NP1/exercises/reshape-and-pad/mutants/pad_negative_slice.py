"""Your padding assigns into out[p:-p, p:-p]; with p = 0 that slice is empty (-0 is 0). Slice with explicit ends: out[p:p + h, p:p + w]."""
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
    out[p:-p, p:-p] = x
    return out


def minmax_scale(x: torch.Tensor) -> torch.Tensor:
    lo, hi = x.min(), x.max()
    if hi == lo:
        return torch.zeros_like(x)
    return (x - lo) / (hi - lo)
