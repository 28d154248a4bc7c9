import math

import torch


def gaussian_loglik(x, mu, var):
    d = x - mu
    n = len(x)
    return -torch.dot(d, d) / (2 * var) - n / 2 * torch.log(var) - n / 2 * math.log(2 * math.pi)


def gaussian_mle(x):
    var, mu = torch.var_mean(x, correction=0)   # the MLE divides by n
    return mu, var
