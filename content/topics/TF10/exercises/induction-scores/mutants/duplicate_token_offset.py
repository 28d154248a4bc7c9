"""This scores attention to the earlier copy of the same token (offset -seq_len, a duplicate-token head). An induction head attends one position further, to the token that came after that copy: key q - seq_len + 1, offset 1 - seq_len."""
import torch


def repeated_tokens(d_vocab, seq_len, batch, seed):
    g = torch.Generator().manual_seed(seed)
    first = torch.randint(0, d_vocab, (batch, seq_len), generator=g)
    return torch.cat([first, first], dim=1)


def induction_scores(model, seq_len, batch, seed):
    tokens = repeated_tokens(model.cfg.d_vocab, seq_len, batch, seed)
    _, cache = model.run_with_cache(tokens)
    rows = []
    for layer in range(model.cfg.n_layers):
        stripe = cache["pattern", layer].diagonal(offset=-seq_len, dim1=-2, dim2=-1)
        rows.append(stripe.mean(dim=(0, 2)))
    return torch.stack(rows)
