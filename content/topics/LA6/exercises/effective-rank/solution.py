import torch


def effective_rank(A: torch.Tensor, rel_tol: float = 1e-6) -> int:
    s = torch.linalg.svdvals(A)
    if s.numel() == 0 or s[0] == 0:
        return 0
    return int((s > rel_tol * s[0]).sum())
