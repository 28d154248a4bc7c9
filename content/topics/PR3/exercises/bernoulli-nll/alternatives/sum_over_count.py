import torch


def bernoulli_nll(p, y):
    per_example = y * p.log() + (1 - y) * (-p).log1p()
    return -per_example.sum() / p.numel()
