import torch


def one_hot(labels, C):
    out = torch.zeros((len(labels), C), dtype=torch.long)
    out[torch.arange(len(labels)), labels] = 1
    return out


def bincount(x, n):
    counts = torch.zeros(n, dtype=torch.long)
    counts.scatter_add_(0, x, torch.ones_like(x))
    return counts


def segment_sum(values, seg, n):
    out = values.new_zeros(n, values.shape[1])
    index = seg[:, None].expand_as(values)
    return out.scatter_add(0, index, values)
