import torch
import einops


def batched_mm(a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    return einops.einsum(a, b, "batch n k, batch k m -> batch n m")


def trace(m: torch.Tensor) -> torch.Tensor:
    return torch.einsum("ii->", m)


def outer(u: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    return torch.einsum("i,j->ij", u, v)
