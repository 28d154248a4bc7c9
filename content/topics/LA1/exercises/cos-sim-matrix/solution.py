import torch


def cos_sim_matrix(X: torch.Tensor) -> torch.Tensor:
    unit = X / X.norm(dim=-1, keepdim=True)
    return unit @ unit.T
