"""`batched_mm` multiplies only the first batch element and repeats it: every batch element needs its own product, so `b` must index both inputs and the output."""
import torch


def batched_mm(a, b):
    first = torch.einsum("ik,kj->ij", a[0], b[0])
    return first.expand(a.shape[0], -1, -1).clone()


def trace(m):
    return torch.einsum("ii->", m)


def outer(u, v):
    return torch.einsum("i,j->ij", u, v)
