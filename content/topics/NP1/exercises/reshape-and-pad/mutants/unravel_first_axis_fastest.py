"""Your multi-index treats the first axis as the fastest-moving one (column-major): in row-major order the LAST index changes fastest, so take index % size starting from the last axis."""
import torch


def unravel(index: int, shape: tuple) -> tuple:
    out = []
    for size in shape:
        out.append(index % size)
        index //= size
    return tuple(out)


def pad_zeros(x: torch.Tensor, p: int) -> torch.Tensor:
    h, w = x.shape
    out = torch.zeros(h + 2 * p, w + 2 * p, dtype=x.dtype)
    out[p:p + h, p:p + w] = x
    return out


def minmax_scale(x: torch.Tensor) -> torch.Tensor:
    lo, hi = x.min(), x.max()
    if hi == lo:
        return torch.zeros_like(x)
    return (x - lo) / (hi - lo)
