"""`covariance_matrix` divides by n: the unbiased sample covariance divides by n - 1."""
import torch


def covariance_matrix(data):
    centred = data - data.mean(dim=0)
    return centred.T @ centred / data.shape[0]


def var_of_weighted_sum(sigma, w):
    return w @ sigma @ w
