import torch


def matrix_of(f, n: int) -> torch.Tensor:
    columns = []
    for j in range(n):
        e = torch.zeros(n, dtype=torch.float64)
        e[j] = 1.0
        columns.append(f(e))
    return torch.stack(columns, dim=1)
