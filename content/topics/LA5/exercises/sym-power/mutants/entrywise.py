"""Raises each ENTRY to the power p (A ** p): a matrix power acts on the eigenvalues, A^p = Q diag(λ^p) Qᵀ."""
import torch


def sym_power(A, p):
    return A ** p
