import torch


def power_iteration(A: torch.Tensor, n_iter: int = 500) -> tuple[float, torch.Tensor]:
    """A: (n, n) symmetric PSD float64 with a spectral gap. Returns (lam, v): lam a Python float, the
    largest eigenvalue (Rayleigh quotient); v a unit (n,) eigenvector (either sign).
    Multiply and normalise n_iter times; no eigen-solvers."""
    raise NotImplementedError
