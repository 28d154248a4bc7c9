import math

import torch


def gaussian_loglik(x: torch.Tensor, mu: torch.Tensor, var: torch.Tensor) -> torch.Tensor:
    n = x.shape[0]
    return -((x - mu) ** 2).sum() / (2 * var) - 0.5 * n * torch.log(var) - 0.5 * n * math.log(2 * math.pi)


def gaussian_mle(x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
    mu = x.mean()
    return mu, ((x - mu) ** 2).mean()
