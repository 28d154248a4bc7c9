"""The counts are taken over the whole batch (`bincount(prev.flatten())`): each row must be penalised only for the tokens in its own history, prev[b]."""
import torch


def frequency_penalty(logits: torch.Tensor, prev: torch.Tensor, alpha: float) -> torch.Tensor:
    counts = torch.bincount(prev.flatten(), minlength=logits.shape[1]).to(logits.dtype)
    return logits - alpha * counts
