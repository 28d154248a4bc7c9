import torch


def bilinear_in_basis(W, P):
    # Entry [i, j] is the form evaluated on basis vectors i and j.
    d = P.shape[1]
    out = torch.empty(d, d, dtype=W.dtype)
    for i in range(d):
        for j in range(d):
            out[i, j] = P[:, i] @ W @ P[:, j]
    return out
