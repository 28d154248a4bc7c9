import math

import torch
import einops


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """q, k: (batch, pos, head, d_head) queries and keys -> pattern (batch, head, q_pos, k_pos), q_pos = k_pos = pos.

    scores[b, h, i, j] = sum_d q[b, i, h, d] * k[b, j, h, d] / sqrt(d_head)
    then the causal mask (keys j > i get -inf, or any value <= -1e4), then a softmax over the keys (last axis).
    Each row of the pattern sums to 1, and every entry above the diagonal is 0.
    (Write the mask here, or copy your apply_causal_mask into this file.)
    """
    raise NotImplementedError
