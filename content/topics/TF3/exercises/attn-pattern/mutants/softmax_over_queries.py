"""The softmax runs over the queries (dim=-2): each query's row must be a distribution over the keys, so softmax over the last axis (dim=-1)."""
import math

import torch
import einops


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    scores = einops.einsum(q, k, "batch q_pos head d, batch k_pos head d -> batch head q_pos k_pos")
    scores = scores / math.sqrt(q.shape[-1])
    n = scores.shape[-1]
    future = torch.ones(n, n, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill(future, float("-inf")).softmax(dim=-2)
