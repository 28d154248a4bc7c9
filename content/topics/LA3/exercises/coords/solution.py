import torch


def coords(B: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return torch.linalg.solve(B, v)
