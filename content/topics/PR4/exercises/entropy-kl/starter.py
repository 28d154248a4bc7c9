import torch


def entropy(p: torch.Tensor) -> torch.Tensor:
    """p: (..., K) distributions along the last axis -> (...): -sum_k p_k log p_k in nats, with 0 log 0 = 0."""
    raise NotImplementedError


def kl(p: torch.Tensor, q: torch.Tensor) -> torch.Tensor:
    """p, q: (..., K) -> (...): KL(p || q) = sum_k p_k log(p_k / q_k) in nats; terms with p_k = 0 are 0."""
    raise NotImplementedError
