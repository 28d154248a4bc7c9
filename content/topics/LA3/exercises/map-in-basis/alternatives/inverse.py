import torch


def map_in_basis(A, B):
    return torch.linalg.inv(B) @ A @ B
