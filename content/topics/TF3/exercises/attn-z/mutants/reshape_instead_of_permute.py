"""The head axis is moved with reshape instead of permute/transpose: reshape keeps the memory order, so (batch, head, q_pos, d) reshaped to (batch, q_pos, head, d) scrambles heads and positions. Use .permute(0, 2, 1, 3) (or einsum)."""
import torch
import einops


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    batch, head, q_pos, _ = pattern.shape
    z = pattern @ v.permute(0, 2, 1, 3)          # (batch, head, q_pos, d_head)
    return z.reshape(batch, q_pos, head, -1)
