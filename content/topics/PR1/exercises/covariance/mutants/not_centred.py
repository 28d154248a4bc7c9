"""`covariance_matrix` does not subtract the column means first: covariance measures deviations from the mean of each feature."""
import torch


def covariance_matrix(data):
    return data.T @ data / (data.shape[0] - 1)


def var_of_weighted_sum(sigma, w):
    return w @ sigma @ w
