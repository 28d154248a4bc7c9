import torch


def apply_temperature(logits: torch.Tensor, T: float) -> torch.Tensor:
    return logits / T


def top_k_filter(logits: torch.Tensor, k: int) -> torch.Tensor:
    kth = torch.topk(logits, k, dim=-1).values[..., -1:]
    return torch.where(logits >= kth, logits, torch.full_like(logits, float("-inf")))
