"""Keeps the k SMALLEST singular values: torch.linalg.svd returns them in descending order, so the important ones are the first k."""
import torch


def low_rank(A, k):
    U, S, Vh = torch.linalg.svd(A, full_matrices=False)
    if k == 0:
        return torch.zeros_like(A)
    return (U[:, -k:] * S[-k:]) @ Vh[-k:]
