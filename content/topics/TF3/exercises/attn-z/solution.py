import torch
import einops


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    return einops.einsum(pattern, v, "batch head q_pos k_pos, batch k_pos head d -> batch q_pos head d")
