"""Never normalises inside the loop: A^500 x overflows to inf (or underflows to 0) and the result is nan. Divide by the norm every iteration."""
import torch


def power_iteration(A, n_iter=500):
    v = torch.ones(A.shape[0], dtype=A.dtype)
    for _ in range(n_iter):
        v = A @ v
    v = v / v.norm()
    return float(v @ A @ v), v
