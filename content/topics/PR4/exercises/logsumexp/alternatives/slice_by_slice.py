import math

import torch


def logsumexp(x, dim=-1):
    last = x.movedim(dim, -1)
    rows = last.reshape(-1, last.shape[-1])
    out = torch.empty(rows.shape[0], dtype=x.dtype)
    for i, row in enumerate(rows):
        m = float(row.max())
        if m == -math.inf:
            out[i] = -math.inf
        else:
            out[i] = m + torch.log(torch.exp(row - m).sum())
    return out.reshape(last.shape[:-1])
