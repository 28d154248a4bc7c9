"""Queries and keys are swapped: this is the pattern transposed. The cache's layout is (batch, head, q_pos, k_pos), queries along the rows, and a causal pattern is lower-triangular."""
import torch


def get_pattern(model, tokens, layer, head):
    _, cache = model.run_with_cache(tokens)
    return cache["pattern", layer][:, head].transpose(-1, -2)
