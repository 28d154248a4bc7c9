"""Rows of the same segment overwrite each other (index_copy_ or scatter_ keep only one of them): accumulate with index_add_ or scatter_add_."""
import torch


def one_hot(labels: torch.Tensor, C: int) -> torch.Tensor:
    out = torch.zeros(labels.shape[0], C, dtype=torch.int64)
    return out.scatter_(1, labels[:, None], 1)


def bincount(x: torch.Tensor, n: int) -> torch.Tensor:
    counts = torch.zeros(n, dtype=torch.int64)
    return counts.index_add_(0, x, torch.ones_like(x))


def segment_sum(values: torch.Tensor, seg: torch.Tensor, n: int) -> torch.Tensor:
    out = torch.zeros(n, values.shape[1], dtype=values.dtype)
    return out.index_copy_(0, seg, values)
