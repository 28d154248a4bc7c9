"""u is compared with the probabilities themselves instead of their cumulative sums: the intervals of the outcomes are laid end to end, so search in cumsum(probs)."""
import torch


def sample_categorical(probs, n, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    p = probs.double() / probs.double().sum()
    return (u[:, None] < p[None, :]).to(torch.int64).argmax(dim=1)
