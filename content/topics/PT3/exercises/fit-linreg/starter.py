import torch


def fit_linreg(X: torch.Tensor, y: torch.Tensor, steps: int = 500, lr: float = 0.1):
    """Fit y ≈ X @ w + b by gradient descent on the mean squared error, on X's device and in X's dtype.

    X: (n, d), y: (n,). Start from w = 0, b = 0; each of `steps` steps computes
    loss = mean((X @ w + b - y) ** 2) and moves w and b by -lr times its gradient.
    Returns (w, b): w of shape (d,), b of shape () (0-dimensional), both detached, on X.device, dtype X.dtype.
    """
    raise NotImplementedError
