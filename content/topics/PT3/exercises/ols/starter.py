import torch


def ols(X: torch.Tensor, y: torch.Tensor):
    """Ordinary least squares with an intercept, in closed form: minimise sum_i (x_i . w + b - y_i)^2.

    X: (n, d), y: (n,). Solve the normal equations A^T A theta = A^T y with A = [X | 1] (torch.linalg.solve);
    lstsq and pinv are not allowed. Returns (w, b): w of shape (d,), b 0-dimensional; X's dtype and device.
    """
    raise NotImplementedError
