import torch


def negate_between(x: torch.Tensor, lo, hi) -> torch.Tensor:
    """A new tensor like x with the entries strictly between lo and hi negated."""
    raise NotImplementedError


def common_values(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    """Sorted values found in both 1-D tensors, without repeats; a's dtype. No torch.isin."""
    raise NotImplementedError


def round_away(x: torch.Tensor) -> torch.Tensor:
    """Round each entry away from zero to a whole number: sign(x) * ceil(|x|)."""
    raise NotImplementedError
