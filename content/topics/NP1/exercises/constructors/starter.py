import torch


def basis_vector(n: int, i: int) -> torch.Tensor:
    """(n,) float32 zeros with a 1 at index i."""
    raise NotImplementedError


def range_matrix(rows: int, cols: int, start: int) -> torch.Tensor:
    """(rows, cols) int64 holding start, start + 1, ..., filled row by row."""
    raise NotImplementedError


def border(h: int, w: int) -> torch.Tensor:
    """(h, w) float32: 1 on the outer border, 0 inside."""
    raise NotImplementedError


def below_diagonal(v: torch.Tensor) -> torch.Tensor:
    """(n + 1, n + 1) for v of shape (n,): v[i] at row i + 1, column i; 0 elsewhere; v's dtype."""
    raise NotImplementedError


def checkerboard(h: int, w: int) -> torch.Tensor:
    """(h, w) int64 with entry (i, j) = (i + j) % 2; the top-left is 0."""
    raise NotImplementedError
