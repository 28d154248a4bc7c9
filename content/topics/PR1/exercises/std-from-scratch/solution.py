import torch


def std(x: torch.Tensor, dim: int = -1, correction: int = 1) -> torch.Tensor:
    n = x.shape[dim]
    deviations = x - x.mean(dim=dim, keepdim=True)
    return ((deviations ** 2).sum(dim=dim) / (n - correction)).sqrt()
