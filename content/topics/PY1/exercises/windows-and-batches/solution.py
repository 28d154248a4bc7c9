def sliding_windows(xs: list, k: int) -> list[list]:
    if k <= 0:
        raise ValueError(f"window length must be positive, got {k}")
    return [xs[i:i + k] for i in range(len(xs) - k + 1)]


def batched(xs: list, n: int) -> list[list]:
    if n <= 0:
        raise ValueError(f"batch size must be positive, got {n}")
    return [xs[i:i + n] for i in range(0, len(xs), n)]
