"""Applies the threshold to the eigenvalues of AᵀA, which are σ², so it effectively compares σ with √rel_tol · σ₁: threshold the singular values themselves."""
import torch


def effective_rank(A, rel_tol=1e-6):
    ev = torch.linalg.eigvalsh(A.T @ A).flip(0).clamp(min=0)
    if ev[0] == 0:
        return 0
    return int((ev > rel_tol * ev[0]).sum())
