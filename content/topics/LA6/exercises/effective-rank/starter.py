import torch


def effective_rank(A: torch.Tensor, rel_tol: float = 1e-6) -> int:
    """A: (m, n). Returns (a Python int) how many singular values exceed rel_tol * (the largest one).
    The zero matrix gives 0."""
    raise NotImplementedError
