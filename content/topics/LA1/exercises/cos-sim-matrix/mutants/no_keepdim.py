"""Divides by `norms * norms` with `norms = X.norm(dim=-1)` (shape (n,)): that broadcasts along the last axis, so entry [i, j] is divided by ‖xⱼ‖² instead of ‖xᵢ‖‖xⱼ‖. Use `norms[:, None] * norms[None, :]`."""
import torch


def cos_sim_matrix(X):
    norms = X.norm(dim=-1)
    return (X @ X.T) / (norms * norms)
