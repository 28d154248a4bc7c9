import torch


def power_iteration(A: torch.Tensor, n_iter: int = 500) -> tuple[float, torch.Tensor]:
    v = torch.ones(A.shape[0], dtype=A.dtype)
    v = v / v.norm()
    for _ in range(n_iter):
        w = A @ v
        v = w / w.norm()
    return float(v @ A @ v), v
