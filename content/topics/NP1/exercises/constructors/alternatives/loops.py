import torch


def basis_vector(n, i):
    return torch.tensor([1.0 if k == i else 0.0 for k in range(n)])


def range_matrix(rows, cols, start):
    out = torch.empty(rows, cols, dtype=torch.int64)
    value = start
    for r in range(rows):
        for c in range(cols):
            out[r, c] = value
            value += 1
    return out


def border(h, w):
    out = torch.zeros(h, w)
    for r in range(h):
        for c in range(w):
            if r == 0 or c == 0 or r == h - 1 or c == w - 1:
                out[r, c] = 1.0
    return out


def below_diagonal(v):
    n = len(v)
    out = torch.zeros(n + 1, n + 1, dtype=v.dtype)
    for i in range(n):
        out[i + 1, i] = v[i]
    return out


def checkerboard(h, w):
    return torch.tensor([[(r + c) % 2 for c in range(w)] for r in range(h)])
