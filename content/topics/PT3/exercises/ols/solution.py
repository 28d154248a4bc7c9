import torch


def ols(X: torch.Tensor, y: torch.Tensor):
    ones = torch.ones(X.shape[0], 1, dtype=X.dtype, device=X.device)
    A = torch.cat([X, ones], dim=1)                 # the intercept is the weight of a column of ones
    theta = torch.linalg.solve(A.T @ A, A.T @ y)    # the normal equations
    return theta[:-1], theta[-1]
