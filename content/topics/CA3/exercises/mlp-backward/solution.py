import torch


def mlp_backward(x, W1, b1, W2, b2, y) -> dict:
    A = x @ W1.T + b1
    Z = A.clamp(min=0)
    out = Z @ W2.T + b2
    d_out = 2 * (out - y) / out.numel()
    dZ = d_out @ W2
    dA = dZ * (A > 0)
    return {"W1": dA.T @ x, "b1": dA.sum(dim=0), "W2": d_out.T @ Z, "b2": d_out.sum(dim=0)}
