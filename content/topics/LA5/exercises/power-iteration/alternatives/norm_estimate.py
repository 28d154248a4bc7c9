import torch


def power_iteration(A, n_iter=500):
    # For a PSD matrix and a unit top eigenvector, ‖Av‖ is the top eigenvalue too.
    v = torch.ones(A.shape[0], dtype=torch.float64)
    v /= v.norm()
    for step in range(n_iter):
        v = A @ v
        v /= v.norm()
    return (A @ v).norm().item(), v
