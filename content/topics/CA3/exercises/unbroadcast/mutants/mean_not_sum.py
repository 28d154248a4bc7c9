"""The copies' gradients are averaged: an entry used k times gets the SUM of its k gradients (each use adds to the loss)."""
import torch


def unbroadcast(grad, shape):
    extra = grad.dim() - len(shape)
    if extra:
        grad = grad.mean(dim=tuple(range(extra)))
    for axis, size in enumerate(shape):
        if size == 1 and grad.shape[axis] != 1:
            grad = grad.mean(dim=axis, keepdim=True)
    return grad
