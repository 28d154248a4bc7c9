"""Removes only the component along the previous q (q_{j-1}): u_j must be made orthogonal to ALL earlier q's, q_1 … q_{j-1}."""
import torch


def gram_schmidt(V):
    columns = []
    for j in range(V.shape[1]):
        u = V[:, j].clone()
        if columns:
            q = columns[-1]
            u = u - (q @ u) * q
        columns.append(u / u.norm())
    return torch.stack(columns, dim=1)
