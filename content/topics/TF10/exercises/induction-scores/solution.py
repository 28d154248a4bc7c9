import torch
from transformer_lens import HookedTransformer
from transformer_lens.utilities import get_act_name


def repeated_tokens(d_vocab: int, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    first = torch.randint(0, d_vocab, (batch, seq_len), generator=g)
    return torch.cat([first, first], dim=1)


def induction_scores(model: HookedTransformer, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    tokens = repeated_tokens(model.cfg.d_vocab, seq_len, batch, seed)
    _, cache = model.run_with_cache(tokens, names_filter=lambda name: name.endswith("hook_pattern"))
    rows = []
    for layer in range(model.cfg.n_layers):
        # The stripe k = q - (seq_len - 1): queries seq_len - 1 .. 2 seq_len - 1, shape (batch, head, seq_len + 1).
        stripe = cache["pattern", layer].diagonal(offset=1 - seq_len, dim1=-2, dim2=-1)
        rows.append(stripe[..., 1:].mean(dim=(0, 2)))  # drop query seq_len - 1: it has no earlier copy
    return torch.stack(rows)
