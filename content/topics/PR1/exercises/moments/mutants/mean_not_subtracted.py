"""The variance is computed as E[X^2] without subtracting the mean: Var(X) = E[(X - mu)^2] = E[X^2] - mu^2."""
import torch


def moments(values, probs):
    mean = (probs * values).sum()
    var = (probs * values ** 2).sum()
    return mean, var, var.sqrt()
