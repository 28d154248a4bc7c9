"""The reduced axis is kept with size 1: remove it from the result (squeeze(dim), or sum without keepdim)."""
import torch


def logsumexp(x, dim=-1):
    m = x.amax(dim=dim, keepdim=True)
    m = torch.where(torch.isfinite(m), m, torch.zeros_like(m))
    return m + torch.log(torch.exp(x - m).sum(dim=dim, keepdim=True))
