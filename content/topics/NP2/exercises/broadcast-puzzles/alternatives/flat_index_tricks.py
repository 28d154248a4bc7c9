import torch


def eye(n):
    # In the flattened (n, n) matrix, the diagonal sits at every (n + 1)-th position.
    return (torch.arange(n * n) % (n + 1) == 0).reshape(n, n).long()


def triu(n):
    rows = torch.arange(n).view(n, 1)
    cols = torch.arange(n).view(1, n)
    return (cols - rows >= 0).to(dtype=torch.long)


def flip(x):
    return x[-torch.arange(1, len(x) + 1)]


def diff(x):
    return x[1:] + (-x[:-1])


def sequence_mask(lengths, max_len):
    positions = torch.arange(max_len)
    return torch.where(positions[None] < lengths[:, None], True, False)


def pairwise_sq_dist(a, b):
    return (a.unsqueeze(1) - b.unsqueeze(0)).pow(2).sum(dim=2)
