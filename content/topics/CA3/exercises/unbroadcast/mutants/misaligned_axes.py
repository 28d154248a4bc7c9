"""The size-1 axes are summed at their positions in `shape` before the extra leading axes are removed, so the positions point at the wrong axes of grad: remove the leading axes first."""
import torch


def unbroadcast(grad, shape):
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.sum(dim=axis, keepdim=True)
    extra = grad.dim() - len(shape)
    return grad.sum(dim=tuple(range(extra))) if extra else grad
