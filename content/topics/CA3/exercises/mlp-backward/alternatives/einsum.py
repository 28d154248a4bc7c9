import torch


def mlp_backward(x, W1, b1, W2, b2, y):
    A = torch.einsum("bi,hi->bh", x, W1) + b1
    Z = torch.relu(A)
    pred = torch.einsum("bh,oh->bo", Z, W2) + b2
    g_pred = 2 * (pred - y) / (y.shape[0] * y.shape[1])
    g_A = torch.einsum("bo,oh->bh", g_pred, W2) * (A > 0).to(A.dtype)
    return {
        "W2": torch.einsum("bo,bh->oh", g_pred, Z),
        "b2": g_pred.sum(0),
        "W1": torch.einsum("bh,bi->hi", g_A, x),
        "b1": g_A.sum(0),
    }
