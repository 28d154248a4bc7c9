import math

import torch


def standardized_means(samples: torch.Tensor, mu: float, sigma: float) -> torch.Tensor:
    n = samples.shape[1]
    return (samples.mean(dim=1) - mu) / (sigma / math.sqrt(n))
