import torch


def numerical_grad(f, x, h=1e-5):
    # e_i as a whole tensor of x's shape, one at a time.
    g = torch.zeros(x.numel(), dtype=x.dtype)
    for i in range(x.numel()):
        e = torch.zeros(x.numel(), dtype=x.dtype)
        e[i] = h
        step = e.reshape(x.shape)
        g[i] = (f(x + step) - f(x - step)) / (2 * h)
    return g.reshape(x.shape)
