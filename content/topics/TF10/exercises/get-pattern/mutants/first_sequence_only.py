"""Only the first sequence of the batch is returned: keep the batch axis, (batch, q_pos, k_pos)."""
import torch


def get_pattern(model, tokens, layer, head):
    _, cache = model.run_with_cache(tokens)
    return cache["pattern", layer][0, head]
