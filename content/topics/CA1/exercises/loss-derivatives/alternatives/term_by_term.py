import torch


def dmse(x, y):
    # d/dx of (1/2)(x - y)^2 is (x - y); the mean adds 1/N.
    N = x.numel()
    return (x - y) * (1.0 / N)


def dbce(p, y):
    # d/dp of -[y log p + (1 - y) log(1 - p)] is -y/p + (1 - y)/(1 - p).
    return (-y / p + (1 - y) / (1 - p)) / p.numel()


def dsigmoid_bce(z, y):
    p = 1 / (1 + torch.exp(-z))
    return (p - y) / z.numel()
