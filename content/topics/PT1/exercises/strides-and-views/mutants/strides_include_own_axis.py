"""Each of your strides includes its own axis's size: the stride of axis a is the product of the sizes AFTER a, so the last stride is 1."""
import torch


def contiguous_strides(shape: tuple) -> tuple:
    strides, step = [], 1
    for size in reversed(shape):
        step *= size
        strides.append(step)
    return tuple(reversed(strides))


def sliding_view(x: torch.Tensor, k: int) -> torch.Tensor:
    n, s = x.shape[0], x.stride(0)
    return x.as_strided((n - k + 1, k), (s, s))
