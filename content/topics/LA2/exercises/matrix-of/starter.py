import torch


def matrix_of(f, n: int) -> torch.Tensor:
    """f: a linear map, called on a float64 vector of shape (n,), returning a float64 vector of shape (m,).
    Returns the (m, n) float64 matrix A with f(x) == A @ x: column j is f(e_j)."""
    raise NotImplementedError
