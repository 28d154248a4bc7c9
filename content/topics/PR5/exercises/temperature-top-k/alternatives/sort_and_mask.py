import torch


def apply_temperature(logits, T):
    return torch.div(logits, T)


def top_k_filter(logits, k):
    kth = logits.sort(dim=-1, descending=True).values[..., k - 1:k]
    return logits.masked_fill(logits < kth, float("-inf"))
