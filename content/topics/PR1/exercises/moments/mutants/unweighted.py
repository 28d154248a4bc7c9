"""The probabilities are ignored: `values.mean()` treats every value as equally likely. Weight each value by its probability, `(probs * values).sum()`."""
import torch


def moments(values, probs):
    mean = values.mean()
    var = ((values - mean) ** 2).mean()
    return mean, var, var.sqrt()
