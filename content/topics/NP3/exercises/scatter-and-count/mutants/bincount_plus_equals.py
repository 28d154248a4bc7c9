"""Repeated values are counted once: counts[x] += 1 reads and writes each repeated index with the same old value. Use an accumulating write: index_add_, scatter_add_ or index_put_(..., accumulate=True)."""
import torch


def one_hot(labels: torch.Tensor, C: int) -> torch.Tensor:
    out = torch.zeros(labels.shape[0], C, dtype=torch.int64)
    return out.scatter_(1, labels[:, None], 1)


def bincount(x: torch.Tensor, n: int) -> torch.Tensor:
    counts = torch.zeros(n, dtype=torch.int64)
    counts[x] += 1
    return counts


def segment_sum(values: torch.Tensor, seg: torch.Tensor, n: int) -> torch.Tensor:
    out = torch.zeros(n, values.shape[1], dtype=values.dtype)
    return out.index_add_(0, seg, values)
