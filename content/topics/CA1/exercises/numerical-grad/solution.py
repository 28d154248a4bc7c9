import torch


def numerical_grad(f, x: torch.Tensor, h: float = 1e-5) -> torch.Tensor:
    flat = x.detach().reshape(-1).clone()
    grad = torch.zeros_like(flat)
    for i in range(flat.numel()):
        up, down = flat.clone(), flat.clone()
        up[i] += h
        down[i] -= h
        grad[i] = (f(up.reshape(x.shape)) - f(down.reshape(x.shape))) / (2 * h)
    return grad.reshape(x.shape)
