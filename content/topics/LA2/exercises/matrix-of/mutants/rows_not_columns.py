"""Puts f(eⱼ) in row j (stacking along dim 0), which gives Aᵀ: the images of the basis vectors are the COLUMNS of A, so stack with dim=1."""
import torch


def matrix_of(f, n):
    rows = []
    for j in range(n):
        e = torch.zeros(n, dtype=torch.float64)
        e[j] = 1.0
        rows.append(f(e))
    return torch.stack(rows)
