"""Subtracts projections onto the ORIGINAL vectors v_i instead of the new q_i: the v's are not orthogonal, so the result is not either. Project onto the q's found so far."""
import torch


def gram_schmidt(V):
    columns = []
    for j in range(V.shape[1]):
        u = V[:, j].clone()
        for i in range(j):
            v = V[:, i]
            u = u - (v @ V[:, j]) / (v @ v) * v
        columns.append(u / u.norm())
    return torch.stack(columns, dim=1)
