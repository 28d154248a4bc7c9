import torch
from transformer_lens import HookedTransformer
from transformer_lens.utilities import get_act_name


def get_pattern(model: HookedTransformer, tokens: torch.Tensor, layer: int, head: int) -> torch.Tensor:
    """The attention pattern of one head: (batch, q_pos, k_pos), read from the model's activation cache.

    tokens: (batch, pos) integer token ids. Run the model once with `model.run_with_cache(tokens)` and
    return the post-softmax pattern of head `head` in layer `layer` (both counted from 0).

    The cache stores every layer's patterns under "blocks.{layer}.attn.hook_pattern" (also reachable as
    cache["pattern", layer]) with shape (batch, head, q_pos, k_pos): row q is the distribution over keys
    k <= q that query q attends to, so each row sums to 1. Keep the model's dtype; leave `tokens` as it is.
    """
    raise NotImplementedError
