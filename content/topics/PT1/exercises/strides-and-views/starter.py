import torch


def contiguous_strides(shape: tuple) -> tuple:
    """Row-major strides of a contiguous tensor of this shape, e.g. (2, 3, 4) -> (12, 4, 1)."""
    raise NotImplementedError


def sliding_view(x: torch.Tensor, k: int) -> torch.Tensor:
    """(n,) -> (n - k + 1, k) view of x whose row i is x[i:i + k]; use as_strided, copy nothing."""
    raise NotImplementedError
