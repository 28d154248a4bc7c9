import torch


def cos_sim_matrix(X):
    # One entry at a time, straight from the definition.
    n = X.shape[0]
    S = torch.empty(n, n, dtype=X.dtype)
    for i in range(n):
        for j in range(n):
            S[i, j] = (X[i] @ X[j]) / (X[i].norm() * X[j].norm())
    return S
