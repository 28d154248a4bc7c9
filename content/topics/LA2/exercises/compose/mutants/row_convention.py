"""Returns the transpose of the chain's matrix (the row-vector form xᵀ M0ᵀ M1ᵀ ...): the maps act on column vectors, so the result is M_last ··· M1 M0, shape (m, n)."""
import torch


def compose(maps):
    result = maps[0].T
    for M in maps[1:]:
        result = result @ M.T
    return result
