"""Your 1 is one place too far right: indices are 0-based, so basis_vector(n, i) sets v[i], not v[i + 1]."""
import torch


def basis_vector(n: int, i: int) -> torch.Tensor:
    v = torch.zeros(n)
    v[(i + 1) % n] = 1
    return v


def range_matrix(rows: int, cols: int, start: int) -> torch.Tensor:
    return torch.arange(start, start + rows * cols).reshape(rows, cols)


def border(h: int, w: int) -> torch.Tensor:
    b = torch.ones(h, w)
    b[1:-1, 1:-1] = 0
    return b


def below_diagonal(v: torch.Tensor) -> torch.Tensor:
    return torch.diag(v, diagonal=-1)


def checkerboard(h: int, w: int) -> torch.Tensor:
    c = torch.zeros(h, w, dtype=torch.int64)
    c[::2, 1::2] = 1
    c[1::2, ::2] = 1
    return c
