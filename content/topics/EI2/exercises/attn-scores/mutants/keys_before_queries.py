"""Queries and keys are swapped in the output: the output order is (batch, head, q_pos, k_pos), queries on the rows ("... -> b h q k", not "-> b h k q")."""
import torch


def attn_scores(q, k):
    return torch.einsum("bqhd,bkhd->bhkq", q, k)
