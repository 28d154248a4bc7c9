import torch


def is_orthogonal(M: torch.Tensor, tol: float = 1e-8) -> bool:
    """True iff M is square and every entry of M^T M - I is at most tol in absolute value.
    Returns a Python bool."""
    raise NotImplementedError
