"""The index is one too low (the interval before the one u lands in): sample i is the FIRST k with u < C_k, which is what searchsorted(..., right=True) returns, without subtracting 1."""
import torch


def sample_categorical(probs, n, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    cdf = torch.cumsum(probs.double(), dim=0)
    return (torch.searchsorted(cdf, u * cdf[-1], right=True) - 1).clamp(min=0)
