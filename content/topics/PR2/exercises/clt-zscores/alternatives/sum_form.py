import math


def standardized_means(samples, mu, sigma):
    n = samples.shape[-1]
    return math.sqrt(n) * (samples.sum(dim=-1) / n - mu) / sigma
