"""Your windows are a copy (strides (k, 1)), not a view: build them with as_strided so that consecutive rows start one element apart."""
import torch


def contiguous_strides(shape: tuple) -> tuple:
    strides, step = [], 1
    for size in reversed(shape):
        strides.append(step)
        step *= size
    return tuple(reversed(strides))


def sliding_view(x: torch.Tensor, k: int) -> torch.Tensor:
    n, s = x.shape[0], x.stride(0)
    return torch.tensor([x[i:i + k].tolist() for i in range(n - k + 1)], dtype=x.dtype)
