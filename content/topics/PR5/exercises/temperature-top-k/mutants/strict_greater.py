"""`top_k_filter` keeps only entries strictly greater than the k-th largest value, which drops the k-th itself: use >=."""
import torch


def apply_temperature(logits, T):
    return logits / T


def top_k_filter(logits, k):
    kth = torch.topk(logits, k, dim=-1).values[..., -1:]
    return torch.where(logits > kth, logits, torch.full_like(logits, float("-inf")))
