"""Reuses one vector and sets e[j] = 1 without clearing the previous 1, so column j is f(e₀ + … + eⱼ): each basis vector must have a single 1."""
import torch


def matrix_of(f, n):
    e = torch.zeros(n, dtype=torch.float64)
    columns = []
    for j in range(n):
        e[j] = 1.0
        columns.append(f(e.clone()))
    return torch.stack(columns, dim=1)
