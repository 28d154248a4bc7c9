"""Projects v onto each basis vector separately, cᵢ = (bᵢ·v)/(bᵢ·bᵢ): that only works when the basis vectors are orthogonal. Solve B c = v for all coordinates at once."""
import torch


def coords(B, v):
    return (B.T @ v) / (B * B).sum(0)
