"""This is the one-sided difference (f(x + h e_i) - f(x)) / h, accurate only to O(h): the central difference (f(x + h e_i) - f(x - h e_i)) / (2h) cancels the first error term."""
import torch


def numerical_grad(f, x, h=1e-5):
    flat = x.detach().reshape(-1).clone()
    base = f(flat.reshape(x.shape))
    grad = torch.zeros_like(flat)
    for i in range(flat.numel()):
        up = flat.clone()
        up[i] += h
        grad[i] = (f(up.reshape(x.shape)) - base) / h
    return grad.reshape(x.shape)
