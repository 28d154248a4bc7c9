"""You returned the tuple that torch.autograd.grad gives (one entry per input): return its first entry, torch.autograd.grad(y, x)[0]."""
import torch


def grad_at(f, x):
    x = x.detach().clone().requires_grad_(True)
    return torch.autograd.grad(f(x), x)
