import torch


def sym_power(A: torch.Tensor, p: float) -> torch.Tensor:
    evals, Q = torch.linalg.eigh(A)
    return (Q * evals ** p) @ Q.T
