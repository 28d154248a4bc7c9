import torch


def project(v: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    return (v @ u) / (u @ u) * u
