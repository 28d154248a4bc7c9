import torch


def rotate_qk(W_Q, W_K, R):
    undo = lambda W: torch.einsum("ji,jh->ih", R, W)   # Rᵀ W, index by index
    return undo(W_Q), undo(W_K)
