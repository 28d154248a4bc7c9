import torch


def moments(values: torch.Tensor, probs: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    mean = (probs * values).sum()
    var = (probs * (values - mean) ** 2).sum()
    return mean, var, var.sqrt()
