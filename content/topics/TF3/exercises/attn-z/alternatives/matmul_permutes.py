"""Heads next to the batch, then pattern (.., q, k) @ v (.., k, d), then positions back in front (ARENA's order
of axes, with matmul instead of einsum)."""
import torch


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    v_heads = v.permute(0, 2, 1, 3)                        # (batch, head, k_pos, d_head)
    z = pattern @ v_heads                                  # (batch, head, q_pos, d_head)
    return z.permute(0, 2, 1, 3)                           # (batch, q_pos, head, d_head)
