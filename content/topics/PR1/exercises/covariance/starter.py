import torch


def covariance_matrix(data: torch.Tensor) -> torch.Tensor:
    """data: (n, d), one sample per row -> (d, d) unbiased sample covariance (divide by n - 1).
    No torch.cov / torch.corrcoef."""
    raise NotImplementedError


def var_of_weighted_sum(sigma: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    """sigma: (d, d) covariance matrix of a random vector X; w: (d,) -> Var(w . X) = w^T sigma w, a 0-dim tensor."""
    raise NotImplementedError
