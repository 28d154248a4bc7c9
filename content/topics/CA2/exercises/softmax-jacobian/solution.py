import torch


def softmax_jacobian(x: torch.Tensor) -> torch.Tensor:
    s = torch.softmax(x, dim=0)
    return torch.diag(s) - s[:, None] * s[None, :]
