"""`top_k_filter` keeps exactly the k indices returned by topk, dropping logits tied with the k-th value: keep every entry >= the k-th largest value."""
import torch


def apply_temperature(logits, T):
    return logits / T


def top_k_filter(logits, k):
    idx = torch.topk(logits, k, dim=-1).indices
    out = torch.full_like(logits, float("-inf"))
    return out.scatter(-1, idx, logits.gather(-1, idx))
