import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    """scores: (batch, head, q_pos, k_pos) attention scores, with q_pos == k_pos.

    Returns a NEW tensor of the same shape and dtype in which every "future" entry, key position k after
    query position q (k > q, strictly above the diagonal), is -inf (any value <= -1e4 is accepted);
    every other entry, diagonal included, is copied unchanged. `scores` itself must not change.
    """
    raise NotImplementedError
