import torch


def apply_to_rows(X, A):
    # out[b, k] = sum_j A[k, j] X[b, j]
    return (X[:, None, :] * A[None, :, :]).sum(-1)


def apply_weight(X, W):
    # out[b, k] = sum_j X[b, j] W[j, k]
    return (X[:, :, None] * W[None, :, :]).sum(1)
