import torch


def jac_cumsum(n: int) -> torch.Tensor:
    """(n, n) float64 Jacobian of y_i = sum_{j <= i} x_j. One expression from arange and broadcasting."""
    raise NotImplementedError


def jac_running_mean(n: int, w: int) -> torch.Tensor:
    """(n, n) float64 Jacobian of y_i = (1/w) * sum_{j=i-w+1}^{i} x_j (terms with j < 0 left out)."""
    raise NotImplementedError


def jac_slice(n: int, start: int, length: int) -> torch.Tensor:
    """(length, n) float64 Jacobian of y = x[start:start + length]."""
    raise NotImplementedError
