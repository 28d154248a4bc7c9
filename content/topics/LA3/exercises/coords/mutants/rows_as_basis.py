"""Treats the ROWS of B as the basis (solves Bᵀ c = v): the basis vectors are the columns, so solve B c = v."""
import torch


def coords(B, v):
    return torch.linalg.solve(B.T, v)
