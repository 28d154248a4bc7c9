def standardized_means(samples, mu, sigma):
    n = samples.shape[1]
    standard_error = sigma / n ** 0.5
    return (samples - mu).mean(dim=1) / standard_error
