"""One maximum over the whole tensor is used for every row: rows far below it underflow to log(0) = -inf. Take the maximum along `dim`, one per slice."""
import torch


def logsumexp(x, dim=-1):
    m = x.max()
    return m + torch.log(torch.exp(x - m).sum(dim=dim))
