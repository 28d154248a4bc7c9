"""Your range is filled column by column: reshape fills row by row, so reshape straight to (rows, cols) rather than reshaping to (cols, rows) and transposing."""
import torch


def basis_vector(n: int, i: int) -> torch.Tensor:
    v = torch.zeros(n)
    v[i] = 1
    return v


def range_matrix(rows: int, cols: int, start: int) -> torch.Tensor:
    return torch.arange(start, start + rows * cols).reshape(cols, rows).T


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
