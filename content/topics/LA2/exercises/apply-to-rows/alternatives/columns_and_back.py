import torch


def apply_to_rows(X, A):
    # Put the vectors in columns, apply A the textbook way, and turn the result back into rows.
    return (A @ X.T).T


def apply_weight(X, W):
    return (W.T @ X.T).T
