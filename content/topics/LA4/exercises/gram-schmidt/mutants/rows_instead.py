"""Orthonormalises the ROWS of V instead of its columns: the vectors are the columns, V[:, j]."""
import torch


def gram_schmidt(V):
    rows = []
    for i in range(V.shape[0]):
        u = V[i].clone()
        for q in rows:
            u = u - (q @ u) * q
        rows.append(u / u.norm())
    return torch.stack(rows)
