import torch


def pick(logprobs, targets):
    rows = []
    for b in range(logprobs.shape[0]):
        rows.append(logprobs[b, targets[b]])
    return torch.stack(rows)


def select_positions(h, pos):
    # take_along_dim broadcasts the (B, K, 1) index over the feature axis.
    return torch.take_along_dim(h, pos[:, :, None], dim=1)
