import torch


def sym_power(A, p):
    # A^p = sum_i λ_i^p q_i q_iᵀ, one eigen-direction at a time.
    evals, Q = torch.linalg.eigh(A)
    result = torch.zeros_like(A)
    for i in range(len(evals)):
        q = Q[:, i]
        result = result + evals[i] ** p * torch.outer(q, q)
    return result
