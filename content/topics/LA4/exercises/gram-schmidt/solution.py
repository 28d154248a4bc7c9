import torch


def gram_schmidt(V: torch.Tensor) -> torch.Tensor:
    d, k = V.shape
    columns = []
    for j in range(k):
        u = V[:, j].clone()
        for q in columns:          # modified Gram-Schmidt: project the running u
            u = u - (q @ u) * q
        columns.append(u / u.norm())
    return torch.stack(columns, dim=1)
