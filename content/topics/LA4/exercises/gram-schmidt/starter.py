import torch


def gram_schmidt(V: torch.Tensor) -> torch.Tensor:
    """V: (d, k), k <= d, linearly independent COLUMNS. Returns Q: (d, k) with orthonormal columns,
    obtained by Gram-Schmidt in column order: Q^T V is upper triangular with a positive diagonal."""
    raise NotImplementedError
