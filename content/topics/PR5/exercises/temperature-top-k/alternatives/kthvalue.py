import torch


def apply_temperature(logits, T):
    return logits * (1.0 / T)


def top_k_filter(logits, k):
    # The k-th largest of V values is the (V - k + 1)-th smallest.
    vocab = logits.shape[-1]
    kth = torch.kthvalue(logits, vocab - k + 1, dim=-1, keepdim=True).values
    out = logits.clone()
    out[out < kth] = float("-inf")
    return out
