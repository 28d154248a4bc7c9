"""`compose_jacobians` multiplies in the wrong order: the Jacobian of the function applied last goes on the left, J_h = J_f J_g, (m, k)(k, n)."""
import torch


def compose_jacobians(Jf, Jg):
    return (Jg.T @ Jf.T)


def tanh_layer_jacobian(W, b, x):
    y = torch.tanh(W @ x + b)
    return (1 - y ** 2)[:, None] * W
