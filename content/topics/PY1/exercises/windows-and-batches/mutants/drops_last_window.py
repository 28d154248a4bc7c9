"""Your windows stop one start too early (range(len(xs) - k) instead of range(len(xs) - k + 1)): a list of length n has n - k + 1 windows, the last one starting at n - k."""


def sliding_windows(xs, k):
    if k <= 0:
        raise ValueError("k must be positive")
    return [xs[i:i + k] for i in range(len(xs) - k)]


def batched(xs, n):
    if n <= 0:
        raise ValueError("n must be positive")
    return [xs[i:i + n] for i in range(0, len(xs), n)]
