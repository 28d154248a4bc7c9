def sliding_windows(xs: list, k: int) -> list[list]:
    """All contiguous windows of length k, in order: len(xs) - k + 1 of them, [] if k > len(xs).

    Raises ValueError if k <= 0. Returns new lists; xs is not changed.
    """
    raise NotImplementedError


def batched(xs: list, n: int) -> list[list]:
    """Consecutive chunks of length n; the last chunk may be shorter. [] for an empty xs.

    Raises ValueError if n <= 0. Chunks are lists; xs is not changed.
    """
    raise NotImplementedError
