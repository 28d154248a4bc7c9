import torch


def bilinear_in_basis(W: torch.Tensor, P: torch.Tensor) -> torch.Tensor:
    return P.T @ W @ P
