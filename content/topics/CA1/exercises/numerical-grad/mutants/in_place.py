"""x itself is changed in place (x[i] += h, then x[i] -= 2h, then x[i] += h), which need not restore the same bits and modifies the caller's tensor: perturb a copy."""
import torch


def numerical_grad(f, x, h=1e-5):
    flat = x.view(-1)
    grad = torch.zeros_like(flat)
    for i in range(flat.numel()):
        flat[i] += h
        up = f(x)
        flat[i] -= 2 * h
        down = f(x)
        flat[i] += h
        grad[i] = (up - down) / (2 * h)
    return grad.reshape(x.shape)
