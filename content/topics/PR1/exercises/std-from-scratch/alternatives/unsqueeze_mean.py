def std(x, dim=-1, correction=1):
    n = x.shape[dim]
    mean = x.sum(dim) / n
    squared = (x - mean.unsqueeze(dim)) ** 2
    return (squared.sum(dim) / (n - correction)) ** 0.5
