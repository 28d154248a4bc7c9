"""Your one-hot is (C, N): each row is one label, so the shape is (N, C) with the 1 at column labels[i]."""
import torch


def one_hot(labels: torch.Tensor, C: int) -> torch.Tensor:
    out = torch.zeros(C, labels.shape[0], dtype=torch.int64)
    return out.scatter_(0, labels[None, :], 1)


def bincount(x: torch.Tensor, n: int) -> torch.Tensor:
    counts = torch.zeros(n, dtype=torch.int64)
    return counts.index_add_(0, x, torch.ones_like(x))


def segment_sum(values: torch.Tensor, seg: torch.Tensor, n: int) -> torch.Tensor:
    out = torch.zeros(n, values.shape[1], dtype=values.dtype)
    return out.index_add_(0, seg, values)
