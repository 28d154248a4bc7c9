import torch


def eye(n):
    i = torch.arange(n)
    return (i.unsqueeze(1) - i.unsqueeze(0) == 0).to(torch.int64)


def triu(n):
    i = torch.arange(n)
    return torch.where(i.unsqueeze(0) >= i.unsqueeze(1), 1, 0)


def flip(x):
    n = x.shape[0]
    return x[n - 1 - torch.arange(n)]


def diff(x):
    n = x.shape[0]
    return x[torch.arange(1, n)] - x[torch.arange(n - 1)]


def sequence_mask(lengths, max_len):
    return lengths.unsqueeze(-1) > torch.arange(max_len).unsqueeze(0)


def pairwise_sq_dist(a, b):
    # |a - b|^2 = |a|^2 + |b|^2 - 2 a.b, with the dot products by broadcasting (no matmul).
    a2 = (a * a).sum(-1)
    b2 = (b * b).sum(-1)
    ab = (a[:, None, :] * b[None, :, :]).sum(-1)
    return a2[:, None] + b2[None, :] - 2 * ab
