import torch


def softmax_jacobian(x):
    shifted = x - x.max()
    s = shifted.exp() / shifted.exp().sum()
    return torch.diag(s) - torch.outer(s, s)
