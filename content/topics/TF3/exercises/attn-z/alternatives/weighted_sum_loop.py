"""The sum over keys written as a loop: add each key's value vector, weighted by its column of the pattern."""
import torch


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    batch, head, q_pos, k_pos = pattern.shape
    z = torch.zeros(batch, q_pos, head, v.shape[-1], dtype=v.dtype, device=v.device)
    for j in range(k_pos):
        weight = pattern[:, :, :, j].transpose(1, 2)       # (batch, q_pos, head)
        z = z + weight[..., None] * v[:, j, None, :, :]    # v[:, j]: (batch, head, d_head)
    return z
