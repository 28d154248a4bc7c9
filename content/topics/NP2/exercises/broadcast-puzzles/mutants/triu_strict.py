"""Your triu leaves out the diagonal (j > i): the diagonal belongs to the upper triangle here, so compare with >=."""
import torch


def eye(n: int) -> torch.Tensor:
    return (torch.arange(n)[:, None] == torch.arange(n)[None, :]).long()


def triu(n: int) -> torch.Tensor:
    return (torch.arange(n)[None, :] > torch.arange(n)[:, None]).long()


def flip(x: torch.Tensor) -> torch.Tensor:
    return x[torch.arange(x.shape[0] - 1, -1, -1)]


def diff(x: torch.Tensor) -> torch.Tensor:
    return x[1:] - x[:-1]


def sequence_mask(lengths: torch.Tensor, max_len: int) -> torch.Tensor:
    return torch.arange(max_len)[None, :] < lengths[:, None]


def pairwise_sq_dist(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
