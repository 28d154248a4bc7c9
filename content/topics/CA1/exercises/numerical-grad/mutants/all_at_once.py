"""Every entry is moved at the same time, which measures the sum of all partial derivatives (a directional derivative) and puts it everywhere: move one entry at a time."""
import torch


def numerical_grad(f, x, h=1e-5):
    d = (f(x + h) - f(x - h)) / (2 * h)
    return torch.full_like(x, float(d))
