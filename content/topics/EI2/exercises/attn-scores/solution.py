import torch
import einops


def attn_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    return einops.einsum(q, k, "batch q_pos head d, batch k_pos head d -> batch head q_pos k_pos")
