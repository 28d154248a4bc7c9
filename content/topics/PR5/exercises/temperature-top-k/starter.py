import torch


def apply_temperature(logits: torch.Tensor, T: float) -> torch.Tensor:
    """logits: (batch, vocab) -> logits / T (T > 0), a new tensor."""
    raise NotImplementedError


def top_k_filter(logits: torch.Tensor, k: int) -> torch.Tensor:
    """logits: (batch, vocab) -> same shape; in each row keep entries >= the row's k-th largest value
    (ties kept), set the rest to -inf. A new tensor; the input is unchanged."""
    raise NotImplementedError
