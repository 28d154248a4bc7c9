import torch


def project(v, u):
    coefficient = torch.dot(v, u) / torch.dot(u, u)
    return coefficient * u
