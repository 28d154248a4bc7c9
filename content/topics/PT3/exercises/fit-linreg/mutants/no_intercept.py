"""The intercept b is never updated: it must be learned along with w (data with a non-zero mean needs it)."""
import torch


def fit_linreg(X: torch.Tensor, y: torch.Tensor, steps: int = 500, lr: float = 0.1):
    w = torch.zeros(X.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=X.dtype, device=X.device, requires_grad=True)
    for _ in range(steps):
        loss = ((X @ w + b - y) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            w.grad = None
            b.grad = None
    return w.detach(), b.detach()
