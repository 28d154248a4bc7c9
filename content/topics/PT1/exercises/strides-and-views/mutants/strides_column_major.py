"""Your strides grow from left to right (column-major): in row-major order the LAST axis has stride 1 and each stride is the product of the sizes after it."""
import torch


def contiguous_strides(shape: tuple) -> tuple:
    strides, step = [], 1
    for size in shape:
        strides.append(step)
        step *= size
    return tuple(strides)


def sliding_view(x: torch.Tensor, k: int) -> torch.Tensor:
    n, s = x.shape[0], x.stride(0)
    return x.as_strided((n - k + 1, k), (s, s))
