"""The gradient is of the summed log-likelihood (N times larger than the mean's), so each step is N times too big: divide by N = counts.sum()."""
import torch


def fit_categorical(counts, steps=500, lr=0.5):
    c = counts.double()
    theta = torch.zeros(c.shape[0], dtype=torch.float64, requires_grad=True)
    for _ in range(steps):
        J = (c * torch.log_softmax(theta, dim=0)).sum()
        (grad,) = torch.autograd.grad(J, theta)
        with torch.no_grad():
            theta += lr * grad
    return theta.detach()
