import torch


def eye(n: int) -> torch.Tensor:
    """(n, n) int64 identity."""
    raise NotImplementedError


def triu(n: int) -> torch.Tensor:
    """(n, n) int64, 1 where column >= row."""
    raise NotImplementedError


def flip(x: torch.Tensor) -> torch.Tensor:
    """(n,) -> (n,), reversed."""
    raise NotImplementedError


def diff(x: torch.Tensor) -> torch.Tensor:
    """(n,) -> (n - 1,), x[i + 1] - x[i]."""
    raise NotImplementedError


def sequence_mask(lengths: torch.Tensor, max_len: int) -> torch.Tensor:
    """(B,) int64 -> (B, max_len) bool, row b True in its first lengths[b] places."""
    raise NotImplementedError


def pairwise_sq_dist(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """(n, d), (m, d) -> (n, m) squared Euclidean distances."""
    raise NotImplementedError
