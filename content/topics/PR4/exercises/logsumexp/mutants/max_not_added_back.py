"""The maximum is subtracted before exponentiating but not added back: logsumexp(x) = m + log(sum(exp(x - m)))."""
import torch


def logsumexp(x, dim=-1):
    m = x.amax(dim=dim, keepdim=True)
    return torch.log(torch.exp(x - m).sum(dim=dim))
