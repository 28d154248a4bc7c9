"""Your function returns a value for a size of 0 or less instead of raising ValueError: check the argument first and raise."""


def sliding_windows(xs, k):
    if k <= 0:
        return []
    return [xs[i:i + k] for i in range(len(xs) - k + 1)]


def batched(xs, n):
    if n <= 0:
        return []
    return [xs[i:i + n] for i in range(0, len(xs), n)]
