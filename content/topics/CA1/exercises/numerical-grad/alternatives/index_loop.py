import itertools

import torch


def numerical_grad(f, x, h=1e-5):
    # Walk every multi-index of x directly instead of flattening.
    g = torch.empty_like(x)
    for index in itertools.product(*(range(size) for size in x.shape)):
        up, down = x.clone(), x.clone()
        up[index] = up[index] + h
        down[index] = down[index] - h
        g[index] = (f(up) - f(down)) / (2 * h)
    return g
