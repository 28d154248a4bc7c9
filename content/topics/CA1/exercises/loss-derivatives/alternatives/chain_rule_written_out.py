import torch


def dmse(x, y):
    return (x - y) / x.numel()


def dbce(p, y):
    return (p - y) / (p - p * p) / p.numel()


def dsigmoid_bce(z, y):
    # dL/dz = dL/dp * dp/dz, with dp/dz = p(1 - p); multiply it out without cancelling.
    p = torch.sigmoid(z)
    return dbce(p, y) * p * (1 - p)
