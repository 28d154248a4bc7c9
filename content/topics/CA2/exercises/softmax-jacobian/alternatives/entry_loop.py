import torch


def softmax_jacobian(x):
    # J[i, j] = s_i (delta_ij - s_j), entry by entry.
    s = torch.softmax(x, dim=0)
    n = s.shape[0]
    J = torch.empty(n, n, dtype=x.dtype)
    for i in range(n):
        for j in range(n):
            J[i, j] = s[i] * ((1.0 if i == j else 0.0) - s[j])
    return J
