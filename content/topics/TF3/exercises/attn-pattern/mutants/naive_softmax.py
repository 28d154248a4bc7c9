"""The softmax is exp(x) / sum(exp(x)) without subtracting the row's maximum: large scores overflow to inf and give NaN. Use torch.softmax, or subtract the maximum first."""
import math

import torch
import einops


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    scores = einops.einsum(q, k, "batch q_pos head d, batch k_pos head d -> batch head q_pos k_pos")
    scores = scores / math.sqrt(q.shape[-1])
    n = scores.shape[-1]
    future = torch.ones(n, n, dtype=torch.bool, device=scores.device).triu(1)
    masked = scores.masked_fill(future, float("-inf")).exp()
    return masked / masked.sum(dim=-1, keepdim=True)
