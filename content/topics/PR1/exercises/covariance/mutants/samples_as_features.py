"""`covariance_matrix` treats rows as features (data @ data.T, the torch.cov layout): here each row is a sample, so the result is (d, d) from data.T @ data."""
import torch


def covariance_matrix(data):
    centred = data - data.mean(dim=1, keepdim=True)
    return centred @ centred.T / (data.shape[1] - 1)


def var_of_weighted_sum(sigma, w):
    return w @ sigma @ w
