import torch


def rotate_qk(W_Q: torch.Tensor, W_K: torch.Tensor, R: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    """W_Q, W_K: (d_model, d_head); R: (d_model, d_model) orthogonal. Residual rows x become x @ R.
    Returns (W_Q_new, W_K_new) with (x @ R) @ W_Q_new == x @ W_Q and (y @ R) @ W_K_new == y @ W_K."""
    raise NotImplementedError
