import torch


def basis_vector(n, i):
    return torch.eye(n)[i]  # a view into the identity matrix: fine, nobody writes to it


def range_matrix(rows, cols, start):
    return torch.arange(start, start + rows * cols, dtype=torch.long).reshape(rows, -1)


def border(h, w):
    inside = torch.zeros(max(h - 2, 0), max(w - 2, 0))
    padded = torch.ones(h, w)
    padded[1:h - 1, 1:w - 1] = inside
    return padded


def below_diagonal(v):
    # Shift an (n, n) diagonal matrix down one row and left-pad one column.
    n = v.shape[0]
    out = torch.zeros(n + 1, n + 1, dtype=v.dtype)
    out[1:, :n] = torch.diag_embed(v)
    return out


def checkerboard(h, w):
    tile = torch.tensor([[0, 1], [1, 0]])
    return tile.repeat((h + 1) // 2, (w + 1) // 2)[:h, :w]  # a non-contiguous slice
