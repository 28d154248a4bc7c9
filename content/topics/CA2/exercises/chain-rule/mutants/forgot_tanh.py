"""`tanh_layer_jacobian` returns W, the Jacobian of the affine part only: the chain rule multiplies each row i by tanh'(a_i) = 1 - tanh(a_i)^2."""
import torch


def compose_jacobians(Jf, Jg):
    return Jf @ Jg


def tanh_layer_jacobian(W, b, x):
    return W.clone()
