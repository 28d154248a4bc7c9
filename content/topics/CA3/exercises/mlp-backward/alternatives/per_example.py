import torch


def mlp_backward(x, W1, b1, W2, b2, y):
    # Accumulate each example's gradient, the way the sum over the batch reads.
    grads = {name: torch.zeros_like(p) for name, p in (("W1", W1), ("b1", b1), ("W2", W2), ("b2", b2))}
    scale = 2.0 / y.numel()
    for xb, yb in zip(x, y):
        a = W1 @ xb + b1
        z = torch.where(a > 0, a, torch.zeros_like(a))
        g_out = scale * (W2 @ z + b2 - yb)
        g_a = (W2.T @ g_out) * (a > 0)
        grads["W2"] += torch.outer(g_out, z)
        grads["b2"] += g_out
        grads["W1"] += torch.outer(g_a, xb)
        grads["b1"] += g_a
    return grads
