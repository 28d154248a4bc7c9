"""The gradient is computed once, at theta = 0, and reused for every step: recompute it at the current theta inside the loop."""
import torch


def fit_categorical(counts, steps=500, lr=0.5):
    c = counts.double()
    theta = torch.zeros(c.shape[0], dtype=torch.float64)
    grad = c / c.sum() - torch.softmax(theta, dim=0)
    for _ in range(steps):
        theta = theta + lr * grad
    return theta
