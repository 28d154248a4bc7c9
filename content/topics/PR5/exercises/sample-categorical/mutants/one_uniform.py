"""A single uniform number is drawn and reused for every sample, so all n samples are the same outcome: draw n uniforms, one per sample."""
import torch


def sample_categorical(probs, n, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(1, generator=gen, dtype=torch.float64).expand(n)
    cdf = torch.cumsum(probs.double(), dim=0)
    return torch.searchsorted(cdf, u * cdf[-1], right=True).clamp(max=probs.shape[0] - 1)
