from collections import deque


def sliding_windows(xs, k):
    # Keep a running window of the last k items; copy it out each time it is full.
    if k <= 0:
        raise ValueError("window length must be positive")
    window = deque(maxlen=k)
    result = []
    for x in xs:
        window.append(x)
        if len(window) == k:
            result.append(list(window))
    return result


def batched(xs, n):
    if n <= 0:
        raise ValueError("batch size must be positive")
    count = -(-len(xs) // n)  # ceiling division
    return [list(xs[b * n:b * n + n]) for b in range(count)]
