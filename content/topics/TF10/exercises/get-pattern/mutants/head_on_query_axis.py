"""The head index went to the query axis: patterns are laid out (batch, head, q_pos, k_pos), with the head second, unlike q, k, v and z, which are (batch, pos, head, d_head)."""
import torch


def get_pattern(model, tokens, layer, head):
    _, cache = model.run_with_cache(tokens)
    return cache["pattern", layer][:, :, head]
