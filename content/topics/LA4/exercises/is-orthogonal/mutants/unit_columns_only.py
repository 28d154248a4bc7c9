"""Checks only that every column has length 1: the columns must also be orthogonal to each other, i.e. all of MᵀM must be the identity, not just its diagonal."""
import torch


def is_orthogonal(M, tol=1e-8):
    if M.shape[0] != M.shape[1]:
        return False
    return bool(((M * M).sum(0) - 1).abs().max() <= tol)
