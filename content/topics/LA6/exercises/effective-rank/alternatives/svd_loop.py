import torch


def effective_rank(A, rel_tol=1e-6):
    _, S, _ = torch.linalg.svd(A, full_matrices=False)
    largest = float(S.max()) if S.numel() else 0.0
    if largest == 0.0:
        return 0
    count = 0
    for s in S.tolist():
        if s > rel_tol * largest:
            count += 1
    return count
