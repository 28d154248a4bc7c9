import torch


def batched_mm(a, b):
    # "..." stands for any leading axes, here the batch.
    return torch.einsum("...ik,...kj->...ij", a, b)


def trace(m):
    # Keep only the diagonal by multiplying with the identity, then sum everything.
    eye = torch.eye(m.shape[0], dtype=m.dtype, device=m.device)
    return torch.einsum("ij,ij->", m, eye)


def outer(u, v):
    return torch.einsum("i,j", u, v)   # implicit mode: the free indices, in alphabetical order
