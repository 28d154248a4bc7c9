import torch


def bilinear_in_basis(W, P):
    # W'[i, j] = sum_ab P[a, i] W[a, b] P[b, j]
    return torch.einsum("ai,ab,bj->ij", P, W, P)
