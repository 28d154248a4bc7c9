"""The mask is applied after the softmax (future weights set to 0): the rows then sum to less than 1, and the future scores still shaped the softmax's denominator. Mask the scores with -inf before the softmax."""
import math

import torch
import einops


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    scores = einops.einsum(q, k, "batch q_pos head d, batch k_pos head d -> batch head q_pos k_pos")
    scores = scores / math.sqrt(q.shape[-1])
    n = scores.shape[-1]
    future = torch.ones(n, n, dtype=torch.bool, device=scores.device).triu(1)
    return scores.softmax(dim=-1).masked_fill(future, 0.0)
