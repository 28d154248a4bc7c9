import torch


def bernoulli_nll(p, y):
    # y log p + (1 - y) log(1 - p) = y (log p - log(1 - p)) + log(1 - p)
    log_not_p = torch.log1p(-p)
    return -(y * (torch.log(p) - log_not_p) + log_not_p).mean()
