import torch
import einops


def attn_z(v: torch.Tensor, pattern: torch.Tensor) -> torch.Tensor:
    """v: (batch, k_pos, head, d_head) values; pattern: (batch, head, q_pos, k_pos) attention weights.

    Returns z: (batch, q_pos, head, d_head), with z[b, i, h, :] = sum_j pattern[b, h, i, j] * v[b, j, h, :]:
    for each head, each query position's weighted average of the value vectors.
    Any pattern is allowed (not only causal ones), and q_pos may differ from k_pos.
    """
    raise NotImplementedError
