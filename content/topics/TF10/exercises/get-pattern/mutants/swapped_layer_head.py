"""Layer and head are swapped: this is the pattern of layer `head`, head `layer`. The cache is indexed by layer (cache["pattern", layer]) and the head is the axis after batch."""
import torch


def get_pattern(model, tokens, layer, head):
    _, cache = model.run_with_cache(tokens)
    return cache["pattern", head][:, layer]
