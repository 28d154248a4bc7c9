import torch
from transformer_lens import HookedTransformer
from transformer_lens.utilities import get_act_name


def repeated_tokens(d_vocab: int, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    """Given: (batch, 2 * seq_len) token ids, seq_len uniform random tokens and then the same again.
    The checker makes its tokens exactly this way, so use this function as it is."""
    g = torch.Generator().manual_seed(seed)
    first = torch.randint(0, d_vocab, (batch, seq_len), generator=g)
    return torch.cat([first, first], dim=1)


def induction_scores(model: HookedTransformer, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    """Each head's induction score, shape (n_layers, n_heads), in the model's dtype.

    tokens = repeated_tokens(model.cfg.d_vocab, seq_len, batch, seed), run once with run_with_cache.
    A query q in the second half, seq_len <= q < 2 * seq_len, holds a token whose earlier copy sits at
    q - seq_len; an induction head attends to the token right after that copy, key q - seq_len + 1.
    score[layer, head] = mean over the batch and those seq_len queries of pattern[b, head, q, q - seq_len + 1].
    """
    raise NotImplementedError
