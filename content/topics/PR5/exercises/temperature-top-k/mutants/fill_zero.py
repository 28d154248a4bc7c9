"""Filtered logits are set to 0, which still has probability e^0 / Z > 0 after softmax: set them to -inf."""
import torch


def apply_temperature(logits, T):
    return logits / T


def top_k_filter(logits, k):
    kth = torch.topk(logits, k, dim=-1).values[..., -1:]
    return torch.where(logits >= kth, logits, torch.zeros_like(logits))
