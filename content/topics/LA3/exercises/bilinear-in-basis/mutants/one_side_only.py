"""Changes basis on one side only (W P): both arguments change, x = P x' and y = P y', so W' = Pᵀ W P."""
import torch


def bilinear_in_basis(W, P):
    return W @ P
