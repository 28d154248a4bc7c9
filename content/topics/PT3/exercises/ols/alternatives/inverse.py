import torch


def ols(X, y):
    # The textbook formula theta = (A^T A)^{-1} A^T y; fine on well-conditioned data.
    A = torch.hstack([X, torch.ones_like(X[:, :1])])
    theta = torch.linalg.inv(A.T @ A) @ (A.T @ y)
    return theta[:-1], theta[-1]
