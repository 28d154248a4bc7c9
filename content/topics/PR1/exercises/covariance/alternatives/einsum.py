import torch


def covariance_matrix(data):
    centred = data - data.mean(dim=0, keepdim=True)
    return torch.einsum("si,sj->ij", centred, centred) / (data.shape[0] - 1)


def var_of_weighted_sum(sigma, w):
    # Every pair of features, covariance times both weights.
    return (w[:, None] * sigma * w[None, :]).sum()
