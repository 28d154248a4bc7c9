"""`apply_to_rows` returns A @ X.T, shape (m, batch): that is the right numbers with vectors in the columns; transpose back so each row of X gives one row of the output."""
import torch


def apply_to_rows(X, A):
    return A @ X.T


def apply_weight(X, W):
    return X @ W
