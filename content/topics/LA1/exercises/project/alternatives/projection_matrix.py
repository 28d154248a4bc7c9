import torch


def project(v, u):
    # The projection onto the line is the matrix u uᵀ / (uᵀ u); apply it to v.
    P = torch.outer(u, u) / (u * u).sum()
    return P @ v
