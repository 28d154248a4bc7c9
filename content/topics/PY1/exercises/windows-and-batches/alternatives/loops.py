def sliding_windows(xs, k):
    # Build each window item by item with explicit loops.
    if k <= 0:
        raise ValueError("k must be at least 1")
    windows = []
    for start in range(len(xs) - k + 1):
        window = []
        for j in range(start, start + k):
            window.append(xs[j])
        windows.append(window)
    return windows


def batched(xs, n):
    # Start a new batch whenever the current one is full.
    if n <= 0:
        raise ValueError("n must be at least 1")
    batches = []
    current = []
    for x in xs:
        current.append(x)
        if len(current) == n:
            batches.append(current)
            current = []
    if current:
        batches.append(current)
    return batches
