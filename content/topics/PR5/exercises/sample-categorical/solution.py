import torch


def sample_categorical(probs: torch.Tensor, n: int, seed: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    u = torch.rand(n, generator=gen, dtype=torch.float64)
    cdf = torch.cumsum(probs.to(torch.float64), dim=0)
    idx = torch.searchsorted(cdf, u * cdf[-1], right=True)
    return idx.clamp(max=probs.shape[0] - 1)
