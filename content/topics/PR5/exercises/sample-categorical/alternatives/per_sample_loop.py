"""One draw at a time: a straightforward loop must finish well within the limit."""
import torch


def sample_categorical(probs: torch.Tensor, n: int, seed: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    p = probs.to(torch.float64)
    cdf = torch.cumsum(p, dim=0) / p.sum()
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    out = []
    for i in range(n):
        k = int(torch.searchsorted(cdf, u[i:i + 1], right=True).item())
        out.append(min(k, len(cdf) - 1))
    return torch.tensor(out, dtype=torch.int64)
