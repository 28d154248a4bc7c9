import torch
from transformer_lens import HookedTransformer
from transformer_lens.utilities import get_act_name


def get_pattern(model: HookedTransformer, tokens: torch.Tensor, layer: int, head: int) -> torch.Tensor:
    # Cache only the one activation we need: names_filter takes a name, a list of names or a predicate.
    _, cache = model.run_with_cache(tokens, names_filter=get_act_name("pattern", layer))
    return cache["pattern", layer][:, head]  # (batch, head, q_pos, k_pos) -> (batch, q_pos, k_pos)
