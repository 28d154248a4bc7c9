"""The standard error is missing its sqrt(n): the mean of n draws has standard deviation sigma / sqrt(n), not sigma, so z = sqrt(n) * (mean - mu) / sigma."""
import torch


def standardized_means(samples, mu, sigma):
    return (samples.mean(dim=1) - mu) / sigma
