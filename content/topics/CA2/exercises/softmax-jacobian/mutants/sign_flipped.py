"""The sign is flipped (s s^T - diag(s)): raising a logit raises its own probability, so the diagonal is positive."""
import torch


def softmax_jacobian(x):
    s = torch.softmax(x, dim=0)
    return s[:, None] * s[None, :] - torch.diag(s)
