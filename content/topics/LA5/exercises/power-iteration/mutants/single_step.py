"""Returns after one multiplication (the loop body returns early): power iteration needs all n_iter steps to converge."""
import torch


def power_iteration(A, n_iter=500):
    v = torch.ones(A.shape[0], dtype=A.dtype)
    for _ in range(n_iter):
        w = A @ v
        v = w / w.norm()
        return float(v @ A @ v), v
