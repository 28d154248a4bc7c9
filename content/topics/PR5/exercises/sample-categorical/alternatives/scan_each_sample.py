"""The most literal reading of the recipe: for each sample, walk the cumulative sums until one passes u,
indexing tensors element by element. Slow, but correct, and it must pass well inside the time limit."""
import torch


def sample_categorical(probs, n, seed):
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    cdf = torch.cumsum(probs.double(), dim=0)
    total = cdf[-1]
    out = torch.zeros(n, dtype=torch.int64)
    for i in range(n):
        x = u[i] * total
        k = 0
        while k < len(cdf) - 1 and x >= cdf[k]:
            k += 1
        out[i] = k
    return out
