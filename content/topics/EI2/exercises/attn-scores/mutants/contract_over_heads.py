"""The sum runs over the heads instead of over d_head: the letter that appears in both inputs but not in the output must be `d` ("bqhd,bkhd->bhqk")."""
import torch


def attn_scores(q, k):
    return torch.einsum("bqhd,bkhd->bdqk", q, k)
