"""Your view has one window too few: a length-n tensor has n - k + 1 windows of length k."""
import torch


def contiguous_strides(shape: tuple) -> tuple:
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= size
    return tuple(reversed(strides))


def sliding_view(x: torch.Tensor, k: int) -> torch.Tensor:
    n, s = x.shape[0], x.stride(0)
    return x.as_strided((n - k, k), (s, s))
