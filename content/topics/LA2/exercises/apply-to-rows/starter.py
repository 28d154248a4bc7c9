import torch


def apply_to_rows(X: torch.Tensor, A: torch.Tensor) -> torch.Tensor:
    """X: (batch, n), one vector per row; A: (m, n), the map's matrix for column vectors (y = A x).
    Returns (batch, m) whose row i is A @ X[i]."""
    raise NotImplementedError


def apply_weight(X: torch.Tensor, W: torch.Tensor) -> torch.Tensor:
    """X: (batch, n); W: (n, m), a weight stored as (in, out). Returns (batch, m) whose row i is X[i] @ W."""
    raise NotImplementedError
