import torch


def rotate_qk(W_Q: torch.Tensor, W_K: torch.Tensor, R: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    return R.T @ W_Q, R.T @ W_K
