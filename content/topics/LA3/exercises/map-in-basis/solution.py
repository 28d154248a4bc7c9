import torch


def map_in_basis(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    return torch.linalg.solve(B, A @ B)
