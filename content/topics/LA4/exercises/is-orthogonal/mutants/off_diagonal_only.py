"""Checks only that the columns are mutually orthogonal (the off-diagonal of MᵀM): they must also have length 1, so the diagonal must be 1."""
import torch


def is_orthogonal(M, tol=1e-8):
    if M.shape[0] != M.shape[1]:
        return False
    G = M.T @ M
    off = G - torch.diag(torch.diagonal(G))
    return bool((off.abs() <= tol).all())
