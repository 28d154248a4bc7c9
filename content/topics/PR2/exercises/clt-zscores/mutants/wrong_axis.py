"""The mean is taken over the trials (dim 0) instead of along each row (dim 1): each row is one experiment of n draws and gets one z."""
import math

import torch


def standardized_means(samples, mu, sigma):
    n = samples.shape[1]
    return math.sqrt(n) * (samples.mean(dim=0) - mu) / sigma
