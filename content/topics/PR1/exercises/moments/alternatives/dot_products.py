import torch


def moments(values, probs):
    mean = torch.dot(probs, values)
    deviations = values - mean
    var = torch.dot(probs, deviations * deviations)
    return mean, var, torch.sqrt(var)
