import torch


def sym_power(A: torch.Tensor, p: float) -> torch.Tensor:
    """A: (n, n) symmetric positive-definite; p: a real number. Returns A^p = Q diag(lambda^p) Q^T
    from A's eigen-decomposition (torch.linalg.eigh). Not entrywise A ** p."""
    raise NotImplementedError
