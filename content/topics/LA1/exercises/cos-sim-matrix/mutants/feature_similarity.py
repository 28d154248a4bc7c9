"""Compares the columns (Xᵀ X, shape (d, d)) instead of the rows: the vectors are the rows of X, so the output is (n, n)."""
import torch


def cos_sim_matrix(X):
    unit = X / X.norm(dim=0, keepdim=True)
    return unit.T @ unit
