"""ARENA's induction-head detector, adapted to return every score: for each layer and head, the stripe
k = q - seq_len + 1 read with .diagonal, and its mean over the second half's queries and the batch; the tokens
drawn with a seeded generator, as the statement asks."""
import torch


def induction_scores(model, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    gen = torch.Generator().manual_seed(seed)
    first = torch.randint(0, model.cfg.d_vocab, (batch, seq_len), generator=gen)
    rep_tokens = torch.cat([first, first], dim=-1)
    _, cache = model.run_with_cache(rep_tokens)
    scores = torch.zeros(model.cfg.n_layers, model.cfg.n_heads, dtype=cache["pattern", 0].dtype)
    for layer in range(model.cfg.n_layers):
        for head in range(model.cfg.n_heads):
            attention_pattern = cache["pattern", layer][:, head]             # (batch, q_pos, k_pos)
            stripe = attention_pattern.diagonal(-seq_len + 1, dim1=-2, dim2=-1)
            scores[layer, head] = stripe[:, 1:].mean()
    return scores
