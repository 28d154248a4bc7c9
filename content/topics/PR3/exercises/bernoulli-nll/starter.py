import torch


def bernoulli_nll(p: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Mean over all entries of -[y log p + (1 - y) log(1 - p)]; p in (0, 1), y in [0, 1], same shape.
    Returns a 0-dimensional tensor. No F.binary_cross_entropy."""
    raise NotImplementedError
