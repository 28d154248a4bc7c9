import torch
import einops


def attn_scores(q: torch.Tensor, k: torch.Tensor) -> torch.Tensor:
    """q: (batch, q_pos, head, d_head), k: (batch, k_pos, head, d_head) -> (batch, head, q_pos, k_pos).

    out[b, h, i, j] = sum_d q[b, i, h, d] * k[b, j, h, d]. Raw dot products: no scaling, mask or softmax.
    One einsum; no @, matmul or bmm.
    """
    raise NotImplementedError
