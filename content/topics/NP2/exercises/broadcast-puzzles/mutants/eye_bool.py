"""Your eye is a bool tensor: the comparison gives bool, and the exercise asks for int64 (add .long())."""
import torch


def eye(n: int) -> torch.Tensor:
    return torch.arange(n)[:, None] == torch.arange(n)[None, :]


def triu(n: int) -> torch.Tensor:
    return (torch.arange(n)[None, :] >= torch.arange(n)[:, None]).long()


def flip(x: torch.Tensor) -> torch.Tensor:
    return x[torch.arange(x.shape[0] - 1, -1, -1)]


def diff(x: torch.Tensor) -> torch.Tensor:
    return x[1:] - x[:-1]


def sequence_mask(lengths: torch.Tensor, max_len: int) -> torch.Tensor:
    return torch.arange(max_len)[None, :] < lengths[:, None]


def pairwise_sq_dist(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
