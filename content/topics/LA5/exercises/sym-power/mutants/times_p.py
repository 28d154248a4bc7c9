"""Multiplies the eigenvalues by p instead of raising them to the power p: A^p = Q diag(λᵢ^p) Qᵀ."""
import torch


def sym_power(A, p):
    evals, Q = torch.linalg.eigh(A)
    return Q @ torch.diag(evals * p) @ Q.T
