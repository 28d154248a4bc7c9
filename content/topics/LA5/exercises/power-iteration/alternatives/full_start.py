import math

import torch


def power_iteration(A, n_iter=500):
    n = A.shape[0]
    v = torch.full((n,), 1 / math.sqrt(n), dtype=A.dtype)
    for _ in range(n_iter):
        Av = A @ v
        v = Av / torch.linalg.vector_norm(Av)
    return float(v @ (A @ v)), v
