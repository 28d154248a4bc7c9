import torch


def sample_categorical(probs, n, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    weights = probs.to(torch.float64)
    cdf = torch.cumsum(weights / weights.sum(), dim=0)
    return torch.bucketize(u, cdf, right=True).clamp(0, len(weights) - 1)
