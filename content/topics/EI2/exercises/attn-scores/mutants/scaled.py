"""Your scores are divided by sqrt(d_head): this exercise asks for the raw dot products; the scaling comes later, in the attention layer itself."""
import torch


def attn_scores(q, k):
    return torch.einsum("bqhd,bkhd->bhqk", q, k) / q.shape[-1] ** 0.5
