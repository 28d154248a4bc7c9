import einops
import torch


def attn_scores(q, k):
    # Put heads next to batch first; then it is a batch of (q_pos, d) x (k_pos, d)^T products.
    q_h = einops.rearrange(q, "b q h d -> b h q d")
    k_h = einops.rearrange(k, "b k h d -> b h k d")
    return torch.einsum("bhqd,bhkd->bhqk", q_h, k_h)
