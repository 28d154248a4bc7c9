"""Returns a 0-dimensional bool tensor instead of a Python bool: wrap the result in `bool(...)`."""
import torch


def is_orthogonal(M, tol=1e-8):
    if M.shape[0] != M.shape[1]:
        return torch.tensor(False)
    return ((M.T @ M - torch.eye(M.shape[0], dtype=M.dtype)).abs() <= tol).all()
