"""The uniforms do not come from a generator seeded with `seed`, so the same seed does not give the same samples: gen = torch.Generator().manual_seed(seed), torch.rand(n, generator=gen)."""
import torch


def sample_categorical(probs, n, seed):
    u = torch.rand(n, dtype=torch.float64)
    cdf = torch.cumsum(probs.double(), dim=0)
    return torch.searchsorted(cdf, u * cdf[-1], right=True).clamp(max=probs.shape[0] - 1)
