import torch


def softmax_jacobian(x: torch.Tensor) -> torch.Tensor:
    """x: (n,) logits -> (n, n) Jacobian of softmax: J[i, j] = d s_i / d x_j = s_i (delta_ij - s_j)."""
    raise NotImplementedError
