"""Patterns collected with a forward hook on every layer's hook_pattern (a name predicate), then the induction
entries picked with integer indexing, queries q = seq_len .. 2 seq_len - 1 and keys q - seq_len + 1, averaged with
einops.reduce."""
import einops
import torch


def induction_scores(model, seq_len: int, batch: int, seed: int) -> torch.Tensor:
    first = torch.randint(0, model.cfg.d_vocab, (batch, seq_len), generator=torch.Generator().manual_seed(seed))
    tokens = torch.cat([first, first], dim=1)
    patterns = {}

    def keep(pattern, hook):
        patterns[hook.layer()] = pattern.detach()

    model.run_with_hooks(tokens, return_type=None, fwd_hooks=[(lambda name: name.endswith("hook_pattern"), keep)])
    q = torch.arange(seq_len, 2 * seq_len)
    k = q - seq_len + 1
    rows = []
    for layer in range(model.cfg.n_layers):
        picked = patterns[layer][:, :, q, k]                                 # (batch, head, seq_len)
        rows.append(einops.reduce(picked, "batch head q -> head", "mean"))
    return torch.stack(rows)
