"""u is compared with the cumsum without scaling by its total: when the weights sum to less than 1, draws land past the last interval (on a zero-weight outcome or out of range). Use u * cdf[-1]."""
import torch


def sample_categorical(probs, n, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    cdf = torch.cumsum(probs.double(), dim=0)
    return torch.searchsorted(cdf, u, right=True).clamp(max=probs.shape[0] - 1)
