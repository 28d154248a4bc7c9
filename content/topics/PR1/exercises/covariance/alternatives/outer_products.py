import torch


def covariance_matrix(data):
    # One outer product per sample, each around the column means.
    n, d = data.shape
    means = data.sum(dim=0) / n
    total = torch.zeros(d, d, dtype=data.dtype)
    for row in data:
        deviation = row - means
        total = total + torch.outer(deviation, deviation)
    return total / (n - 1)


def var_of_weighted_sum(sigma, w):
    return torch.dot(w, sigma @ w)
