import torch


def covariance_matrix(data: torch.Tensor) -> torch.Tensor:
    centred = data - data.mean(dim=0)
    return centred.T @ centred / (data.shape[0] - 1)


def var_of_weighted_sum(sigma: torch.Tensor, w: torch.Tensor) -> torch.Tensor:
    return w @ sigma @ w
