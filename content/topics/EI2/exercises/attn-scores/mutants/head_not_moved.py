"""The head axis stayed where it was in the inputs: the output must put it second, (batch, head, q_pos, k_pos), not (batch, q_pos, head, k_pos)."""
import torch


def attn_scores(q, k):
    return torch.einsum("bqhd,bkhd->bqhk", q, k)
