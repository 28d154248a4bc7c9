"""Returns A v (whose length is λ) instead of the unit vector: normalise v before returning it."""
import torch


def power_iteration(A, n_iter=500):
    v = torch.ones(A.shape[0], dtype=A.dtype)
    for _ in range(n_iter):
        w = A @ v
        v = w / w.norm()
    lam = float(v @ A @ v)
    return lam, A @ v
