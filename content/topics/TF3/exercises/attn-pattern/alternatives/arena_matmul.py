"""ARENA's order of work, with plain torch: heads next to the batch, Q K^T by matmul, scale, an additive mask
that is -inf in the future, softmax over keys."""
import torch


def attn_pattern(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    q = q.transpose(1, 2)                                  # (batch, head, q_pos, d_head)
    k = k.transpose(1, 2)                                  # (batch, head, k_pos, d_head)
    attn_scores = q @ k.transpose(-2, -1) / q.shape[-1] ** 0.5
    q_pos, k_pos = attn_scores.shape[-2:]
    mask = torch.full((q_pos, k_pos), float("-inf"), dtype=q.dtype, device=q.device).triu(1)
    return torch.softmax(attn_scores + mask, dim=-1)
