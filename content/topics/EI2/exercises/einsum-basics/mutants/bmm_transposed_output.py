"""`batched_mm` returns each product transposed: the output indices must read batch, row of a, column of b ("bik,bkj->bij", not "->bji")."""
import torch


def batched_mm(a, b):
    return torch.einsum("bik,bkj->bji", a, b)


def trace(m):
    return torch.einsum("ii->", m)


def outer(u, v):
    return torch.einsum("i,j->ij", u, v)
