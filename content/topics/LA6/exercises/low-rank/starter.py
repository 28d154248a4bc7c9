import torch


def low_rank(A: torch.Tensor, k: int) -> torch.Tensor:
    """A: (m, n); 0 <= k <= min(m, n). Returns the best rank-k approximation of A (truncated SVD,
    keeping the k LARGEST singular values), shape (m, n), A's dtype."""
    raise NotImplementedError
