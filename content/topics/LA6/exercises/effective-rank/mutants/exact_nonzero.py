"""Counts the singular values that are exactly nonzero: rounding leaves the "zero" ones at about 1e-16 σ₁, so use the relative threshold."""
import torch


def effective_rank(A, rel_tol=1e-6):
    s = torch.linalg.svdvals(A)
    return int((s != 0).sum())
