"""nanoGPT's CausalSelfAttention (the manual path), adapted: (B, nh, T, hs) tensors, att = q @ k^T * (1/sqrt(hs)),
masked_fill from a lower-triangular matrix, F.softmax over the last axis."""
import math

import torch
import torch.nn.functional as F


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    B, T, nh, hs = q.size()
    q, k = q.transpose(1, 2), k.transpose(1, 2)            # (B, nh, T, hs)
    att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(hs))
    bias = torch.tril(torch.ones(T, T, device=q.device)).view(1, 1, T, T)
    att = att.masked_fill(bias == 0, float("-inf"))
    return F.softmax(att, dim=-1)
