"""`apply_to_rows` computes X @ A without the transpose: A is stored as (out, in), so row i of the answer is (A xᵢ)ᵀ, i.e. X @ A.T."""
import torch


def apply_to_rows(X, A):
    return X @ A


def apply_weight(X, W):
    return X @ W
