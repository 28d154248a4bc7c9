"""Returns what is thrown away, A − A_k (the terms after the first k), instead of the approximation A_k itself."""
import torch


def low_rank(A, k):
    U, S, Vh = torch.linalg.svd(A, full_matrices=False)
    return (U[:, k:] * S[k:]) @ Vh[k:]
