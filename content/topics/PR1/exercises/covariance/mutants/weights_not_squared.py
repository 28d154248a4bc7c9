"""`var_of_weighted_sum` uses w only once ((sigma @ w).sum()): the variance of w.X is quadratic in w, w^T sigma w."""
import torch


def covariance_matrix(data):
    centred = data - data.mean(dim=0)
    return centred.T @ centred / (data.shape[0] - 1)


def var_of_weighted_sum(sigma, w):
    return (sigma @ w).sum()
