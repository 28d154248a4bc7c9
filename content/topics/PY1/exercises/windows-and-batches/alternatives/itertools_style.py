from itertools import islice


def sliding_windows(xs, k):
    # zip k shifted copies of the list; zip stops at the shortest, which gives n - k + 1 windows.
    if k < 1:
        raise ValueError(f"bad window length {k}")
    return [list(w) for w in zip(*(xs[i:] for i in range(k)))]


def batched(xs, n):
    # Pull n items at a time from one iterator until it is exhausted.
    if n < 1:
        raise ValueError(f"bad batch size {n}")
    it = iter(xs)
    out = []
    while chunk := list(islice(it, n)):
        out.append(chunk)
    return out
