import torch


def _safe_log(t):
    # log of the smallest positive float instead of log 0; it is only ever multiplied by p = 0.
    return torch.log(t.clamp_min(torch.finfo(t.dtype).tiny))


def entropy(p):
    return -(p * _safe_log(p)).sum(-1)


def kl(p, q):
    return (p * (_safe_log(p) - _safe_log(q))).sum(-1)
