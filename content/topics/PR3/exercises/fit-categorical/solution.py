import torch


def fit_categorical(counts: torch.Tensor, steps: int = 500, lr: float = 0.5) -> torch.Tensor:
    c = counts.to(torch.float64)
    theta = torch.zeros(c.shape[0], dtype=torch.float64, requires_grad=True)
    for _ in range(steps):
        J = (c * torch.log_softmax(theta, dim=0)).sum() / c.sum()
        (grad,) = torch.autograd.grad(J, theta)
        with torch.no_grad():
            theta += lr * grad
    return theta.detach()
