import torch


def effective_rank(A, rel_tol=1e-6):
    s = torch.linalg.svdvals(A)
    if not bool((s > 0).any()):
        return 0
    relative = s / s.max()                         # scale-free: the largest becomes 1
    return int(torch.count_nonzero(relative > rel_tol))
