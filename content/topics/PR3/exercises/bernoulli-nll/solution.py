import torch


def bernoulli_nll(p: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    return -(y * torch.log(p) + (1 - y) * torch.log1p(-p)).mean()
