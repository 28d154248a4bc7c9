"""Queries and keys are swapped in the scores (batch head k_pos q_pos): the scores' rows are queries, so entry [i, j] is q_i . k_j, and the mask then removes the keys after each query."""
import math

import torch
import einops


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    scores = einops.einsum(q, k, "batch q_pos head d, batch k_pos head d -> batch head k_pos q_pos")
    scores = scores / math.sqrt(q.shape[-1])
    n = scores.shape[-1]
    future = torch.ones(n, n, dtype=torch.bool, device=scores.device).triu(1)
    return scores.masked_fill(future, float("-inf")).softmax(dim=-1)
