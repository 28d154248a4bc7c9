"""Computes P W Pᵀ: substituting x = P x' gives xᵀ = x'ᵀ Pᵀ, so Pᵀ goes on the LEFT of W and P on the right."""
import torch


def bilinear_in_basis(W, P):
    return P @ W @ P.T
