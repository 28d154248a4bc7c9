"""Your batches leave out the final, shorter batch (range(len(xs) // n)): keep whatever is left as a last batch, e.g. loop over range(0, len(xs), n)."""


def sliding_windows(xs, k):
    if k <= 0:
        raise ValueError("k must be positive")
    return [xs[i:i + k] for i in range(len(xs) - k + 1)]


def batched(xs, n):
    if n <= 0:
        raise ValueError("n must be positive")
    return [xs[i * n:(i + 1) * n] for i in range(len(xs) // n)]
