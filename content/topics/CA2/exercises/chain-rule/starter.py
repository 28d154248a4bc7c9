import torch


def compose_jacobians(Jf: torch.Tensor, Jg: torch.Tensor) -> torch.Tensor:
    """Jf: (m, k) Jacobian of f at g(x); Jg: (k, n) Jacobian of g at x -> (m, n) Jacobian of f(g(x))."""
    raise NotImplementedError


def tanh_layer_jacobian(W: torch.Tensor, b: torch.Tensor, x: torch.Tensor) -> torch.Tensor:
    """W: (out, in), b: (out,), x: (in,) -> (out, in) Jacobian of tanh(W x + b) with respect to x."""
    raise NotImplementedError
