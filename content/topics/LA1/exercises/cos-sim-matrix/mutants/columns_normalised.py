"""Normalises the columns (`norm(dim=0)`) instead of the rows: each vector is a row, so use `X.norm(dim=-1, keepdim=True)`."""
import torch


def cos_sim_matrix(X):
    unit = X / X.norm(dim=0, keepdim=True)
    return unit @ unit.T
