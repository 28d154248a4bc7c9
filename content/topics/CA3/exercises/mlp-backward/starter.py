import torch


def mlp_backward(x, W1, b1, W2, b2, y) -> dict:
    """Gradients of L = mean((relu(x W1^T + b1) W2^T + b2 - y)^2) with respect to W1, b1, W2, b2, by hand.

    x: (batch, d_in), W1: (hidden, d_in), b1: (hidden,), W2: (d_out, hidden), b2: (d_out,), y: (batch, d_out).
    Returns {"W1": ..., "b1": ..., "W2": ..., "b2": ...}, each shaped like its parameter. No autograd.
    """
    raise NotImplementedError
