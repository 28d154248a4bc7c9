"""Returns the dot products bᵢ·v (Bᵀ v): that gives the coordinates only for an orthonormal basis. In general solve B c = v."""
import torch


def coords(B, v):
    return B.T @ v
