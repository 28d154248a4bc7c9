import torch


def logsumexp(x, dim=-1):
    m = x.max(dim=dim, keepdim=True).values
    m = torch.where(m == float("-inf"), torch.zeros_like(m), m)   # an all -inf slice: shift by 0
    total = torch.exp(x - m).sum(dim=dim)
    return m.squeeze(dim) + torch.log(total)
