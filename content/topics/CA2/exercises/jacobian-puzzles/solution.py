import torch


def jac_cumsum(n: int) -> torch.Tensor:
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return (j <= i).to(torch.float64)


def jac_running_mean(n: int, w: int) -> torch.Tensor:
    i, j = torch.arange(n)[:, None], torch.arange(n)[None, :]
    return ((j <= i) & (j > i - w)).to(torch.float64) / w


def jac_slice(n: int, start: int, length: int) -> torch.Tensor:
    i, j = torch.arange(length)[:, None], torch.arange(n)[None, :]
    return (j == i + start).to(torch.float64)
