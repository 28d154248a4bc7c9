import torch


def negate_between(x, lo, hi):
    out = x.clone()
    inside = (lo < x) & (x < hi)
    out[inside] = -out[inside]
    return out


def common_values(a, b):
    # Sort the matches, then keep each value the first time it appears.
    matches = a[(a.unsqueeze(1) == b.unsqueeze(0)).sum(dim=1) > 0]
    matches, _ = torch.sort(matches)
    if matches.numel() == 0:
        return matches
    keep = torch.ones_like(matches, dtype=torch.bool)
    keep[1:] = matches[1:] != matches[:-1]
    return matches[keep]


def round_away(x):
    return torch.where(x >= 0, torch.ceil(x), torch.floor(x))
