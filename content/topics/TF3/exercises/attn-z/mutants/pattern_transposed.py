"""The pattern is read as (keys, queries): its rows are queries and its columns keys, so z_i = sum_j pattern[i, j] v_j sums along a row."""
import torch
import einops


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    return einops.einsum(pattern, v, "batch head k_pos q_pos, batch k_pos head d -> batch q_pos head d")
