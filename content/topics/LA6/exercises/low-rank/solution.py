import torch


def low_rank(A: torch.Tensor, k: int) -> torch.Tensor:
    U, S, Vh = torch.linalg.svd(A, full_matrices=False)
    return (U[:, :k] * S[:k]) @ Vh[:k]
