import torch
import einops


def batched_mm(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """a: (batch, n, k), b: (batch, k, m) -> (batch, n, m); out[b, i, j] = sum_k a[b, i, k] * b[b, k, j].

    One einsum; no @, matmul or bmm.
    """
    raise NotImplementedError


def trace(m: torch.Tensor) -> torch.Tensor:
    """m: (n, n) -> a 0-dimensional tensor holding sum_i m[i, i]. One einsum; no torch.trace or diagonal."""
    raise NotImplementedError


def outer(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """u: (n,), v: (m,) -> (n, m); out[i, j] = u[i] * v[j]. One einsum; no torch.outer."""
    raise NotImplementedError
