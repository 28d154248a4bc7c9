"""The constant -0.5*log(2*pi) (about -0.919) is missing: without it this is not the log of a density that integrates to 1."""
import torch


def normal_logpdf(x, mu, sigma):
    return -0.5 * ((x - mu) / sigma) ** 2 - torch.log(sigma)
