"""This is hook_attn_scores, the scaled and masked scores before the softmax; the pattern is hook_pattern, after the softmax (each row sums to 1)."""
import torch


def get_pattern(model, tokens, layer, head):
    _, cache = model.run_with_cache(tokens)
    return cache["attn_scores", layer][:, head]
