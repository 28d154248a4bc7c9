"""The uniforms do not come from a generator seeded with `seed`, so the same seed does not give the same samples: make a torch.Generator seeded with `seed` and pass it to every torch.rand call."""
import torch


def sample_categorical(probs, n, seed):
    u = torch.rand(n, dtype=torch.float64)
    cdf = torch.cumsum(probs.double(), dim=0)
    return torch.searchsorted(cdf, u * cdf[-1], right=True).clamp(max=probs.shape[0] - 1)
