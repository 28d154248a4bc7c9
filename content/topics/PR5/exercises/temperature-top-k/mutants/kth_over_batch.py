"""The k-th largest value is taken down each column (over the batch) instead of along each row: each row is its own distribution, so use dim=-1."""
import torch


def apply_temperature(logits, T):
    return logits / T


def top_k_filter(logits, k):
    kth = torch.topk(logits, min(k, logits.shape[0]), dim=0).values[-1:, :]
    return torch.where(logits >= kth, logits, torch.full_like(logits, float("-inf")))
