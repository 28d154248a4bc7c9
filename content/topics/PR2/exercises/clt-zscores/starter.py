import torch


def standardized_means(samples: torch.Tensor, mu: float, sigma: float) -> torch.Tensor:
    """samples: (trials, n), each row n independent draws from a distribution with mean mu and std sigma.

    Returns (trials,): z = sqrt(n) * (row mean - mu) / sigma, using the given sigma.
    """
    raise NotImplementedError
