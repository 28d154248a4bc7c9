"""The parameters are created as float32 whatever the data is: create them with dtype=X.dtype (and device=X.device), so the fit happens in the data's precision and place."""
import torch


def fit_linreg(X: torch.Tensor, y: torch.Tensor, steps: int = 500, lr: float = 0.1):
    w = torch.zeros(X.shape[1], dtype=torch.float32, device=X.device, requires_grad=True)
    b = torch.zeros((), dtype=torch.float32, device=X.device, requires_grad=True)
    for _ in range(steps):
        loss = ((X.float() @ w + b - y.float()) ** 2).mean()
        loss.backward()
        with torch.no_grad():
            w -= lr * w.grad
            b -= lr * b.grad
            w.grad = None
            b.grad = None
    return w.detach(), b.detach()
