"""`apply_weight` computes X @ W.T, treating W as (out, in): W is stored as (in, out), so it is just X @ W."""
import torch


def apply_to_rows(X, A):
    return X @ A.T


def apply_weight(X, W):
    return X @ W.T
