import torch


def low_rank(A, k):
    # A_k = sum of the first k terms sigma_i u_i v_iᵀ.
    U, S, Vh = torch.linalg.svd(A, full_matrices=False)
    result = torch.zeros_like(A)
    for i in range(k):
        result += S[i] * torch.outer(U[:, i], Vh[i])
    return result
