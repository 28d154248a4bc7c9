"""The pattern rebuilt from the cached queries and keys, as the statement's formula writes it: scores over
d_head, divided by sqrt(d_head), keys after the query set to -inf, softmax over the keys. Done in float64 and cast
back, so it matches the model's own pattern to float rounding."""
import math

import torch


def get_pattern(model, tokens: torch.Tensor, layer: int, head: int) -> torch.Tensor:
    _, cache = model.run_with_cache(tokens)
    q = cache[f"blocks.{layer}.attn.hook_q"][:, :, head].double()     # (batch, pos, d_head)
    k = cache[f"blocks.{layer}.attn.hook_k"][:, :, head].double()
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])        # (batch, q_pos, k_pos)
    pos = scores.shape[-1]
    future = torch.triu(torch.ones(pos, pos, dtype=torch.bool, device=scores.device), diagonal=1)
    pattern = scores.masked_fill(future, float("-inf")).softmax(dim=-1)
    return pattern.to(cache[f"blocks.{layer}.attn.hook_q"].dtype)
