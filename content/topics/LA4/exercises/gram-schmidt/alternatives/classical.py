import torch


def gram_schmidt(V):
    # Classical Gram-Schmidt: subtract the components of the ORIGINAL v_j along each earlier q.
    k = V.shape[1]
    qs = []
    for j in range(k):
        v = V[:, j]
        u = v - sum(((q @ v) * q for q in qs), torch.zeros_like(v))
        qs.append(u / u.norm())
    return torch.stack(qs, dim=1)
