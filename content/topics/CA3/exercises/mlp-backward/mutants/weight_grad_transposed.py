"""The weight gradients are transposed (x^T dA instead of dA^T x): a gradient has the shape of its parameter, (hidden, d_in) for W1."""
import torch


def mlp_backward(x, W1, b1, W2, b2, y):
    A = x @ W1.T + b1
    Z = A.clamp(min=0)
    out = Z @ W2.T + b2
    d_out = 2 * (out - y) / out.numel()
    dA = (d_out @ W2) * (A > 0)
    return {"W1": x.T @ dA, "b1": dA.sum(dim=0), "W2": Z.T @ d_out, "b2": d_out.sum(dim=0)}
