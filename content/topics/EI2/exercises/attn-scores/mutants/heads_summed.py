"""The head index is summed away: `h` appears in both inputs but must also appear in the output, so each head keeps its own scores."""
import torch


def attn_scores(q, k):
    return torch.einsum("bqhd,bkhd->bqk", q, k)
