"""The standard deviation is returned without its square root: std = sqrt(Var(X)), in the units of X."""
import torch


def moments(values, probs):
    mean = (probs * values).sum()
    var = (probs * (values - mean) ** 2).sum()
    return mean, var, var
