"""Your gradient is float32 for a float64 x: `x.float()` throws away precision. Keep x's dtype: x.detach().clone().requires_grad_(True)."""
import torch


def grad_at(f, x):
    x = x.detach().float().requires_grad_(True)
    f(x).backward()
    return x.grad
