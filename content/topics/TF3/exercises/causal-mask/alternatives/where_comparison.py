"""Compare position numbers: a key index greater than the query index is the future; torch.where picks a large
negative fill there and the score elsewhere."""
import torch


def apply_causal_mask(scores: torch.Tensor) -> torch.Tensor:
    q_pos, k_pos = scores.shape[-2:]
    queries = torch.arange(q_pos, device=scores.device)[:, None]
    keys = torch.arange(k_pos, device=scores.device)[None, :]
    fill = torch.tensor(torch.finfo(scores.dtype).min, dtype=scores.dtype, device=scores.device)
    return torch.where(keys > queries, fill, scores)
