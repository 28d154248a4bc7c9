import torch


def fit_categorical(counts: torch.Tensor, steps: int = 500, lr: float = 0.5) -> torch.Tensor:
    """Maximum-likelihood logits for a categorical distribution, by gradient ascent.

    counts: (K,) integer counts c_k. J(theta) = (1/N) sum_k c_k log softmax(theta)_k, N = sum_k c_k.
    Start at theta = zeros(K, float64); repeat `steps` times: theta <- theta + lr * grad J(theta).
    Return theta: (K,) float64, detached.
    """
    raise NotImplementedError
