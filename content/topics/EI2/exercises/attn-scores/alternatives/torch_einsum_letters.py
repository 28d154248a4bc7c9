import torch


def attn_scores(q, k):
    return torch.einsum("bqhd,bkhd->bhqk", q, k)
