"""The gradients have the wrong sign ((y - x) instead of (x - y)): increasing a prediction above its target increases the loss, so the derivative there is positive."""
import torch


def dmse(x, y):
    return (y - x) / x.numel()


def dbce(p, y):
    return (y - p) / (p * (1 - p)) / p.numel()


def dsigmoid_bce(z, y):
    return (y - torch.sigmoid(z)) / z.numel()
