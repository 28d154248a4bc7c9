import torch


def moments(values: torch.Tensor, probs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Mean, variance and standard deviation of a discrete random variable.

    values: (K,) the values x_k; probs: (K,) their probabilities p_k (non-negative, summing to 1).
    Returns (mean, var, std), each a 0-dimensional tensor of values' dtype:
        mean = sum_k p_k x_k,  var = sum_k p_k (x_k - mean)^2,  std = sqrt(var).
    """
    raise NotImplementedError
