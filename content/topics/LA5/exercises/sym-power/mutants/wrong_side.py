"""Rebuilds with Qᵀ Λ^p Q: eigh returns the eigenvectors as the COLUMNS of Q, so A = Q Λ Qᵀ (Q on the left)."""
import torch


def sym_power(A, p):
    evals, Q = torch.linalg.eigh(A)
    return Q.T @ torch.diag(evals ** p) @ Q
