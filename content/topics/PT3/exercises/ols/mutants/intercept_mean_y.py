"""The intercept is taken as mean(y) after fitting w without it: b = mean(y) - mean(X) . w, and w itself must be fitted on centred data (or with the column of ones)."""
import torch


def ols(X: torch.Tensor, y: torch.Tensor):
    ones = torch.ones(X.shape[0], 1, dtype=X.dtype, device=X.device)
    theta = torch.linalg.solve(X.T @ X, X.T @ y)
    return theta, y.mean()
