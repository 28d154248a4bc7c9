import torch


def coords(B: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    """B: (d, d), its COLUMNS are a basis (not orthonormal in general); v: (d,).
    Returns c: (d,) with B @ c == v."""
    raise NotImplementedError
