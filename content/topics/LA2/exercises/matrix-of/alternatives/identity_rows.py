import torch


def matrix_of(f, n):
    # The rows of the identity are the basis vectors; their images are the columns.
    basis = torch.eye(n, dtype=torch.float64)
    return torch.stack([f(basis[j].clone()) for j in range(n)], dim=1)
