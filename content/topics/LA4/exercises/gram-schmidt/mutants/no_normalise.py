"""Never divides by the norm: the columns come out orthogonal but not of length 1. Set q_j = u_j / ‖u_j‖."""
import torch


def gram_schmidt(V):
    columns = []
    for j in range(V.shape[1]):
        u = V[:, j].clone()
        for q in columns:
            u = u - (q @ u) / (q @ q) * q
        columns.append(u)
    return torch.stack(columns, dim=1)
