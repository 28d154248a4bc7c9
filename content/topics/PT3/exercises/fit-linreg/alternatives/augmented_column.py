import torch


def fit_linreg(X, y, steps=500, lr=0.1):
    # Fold the intercept into the weights with a column of ones; theta = (w, b).
    ones = torch.ones(X.shape[0], 1, dtype=X.dtype, device=X.device)
    A = torch.cat([X, ones], dim=1)
    theta = torch.zeros(A.shape[1], dtype=X.dtype, device=X.device, requires_grad=True)
    for _ in range(steps):
        loss = torch.nn.functional.mse_loss(A @ theta, y)
        (grad,) = torch.autograd.grad(loss, theta)
        with torch.no_grad():
            theta.sub_(lr * grad)
    theta = theta.detach()
    return theta[:-1], theta[-1]
