"""`apply_to_rows` multiplies entry by entry (`X * A`) instead of applying the map: each output entry is a sum over the input coordinates, Σⱼ A[k, j] X[i, j]."""
import torch


def apply_to_rows(X, A):
    return (X * A)


def apply_weight(X, W):
    return X @ W
