"""Returns a 0-dimensional tensor instead of a Python int: wrap the count in `int(...)`."""
import torch


def effective_rank(A, rel_tol=1e-6):
    s = torch.linalg.svdvals(A)
    if s[0] == 0:
        return torch.tensor(0)
    return (s > rel_tol * s[0]).sum()
