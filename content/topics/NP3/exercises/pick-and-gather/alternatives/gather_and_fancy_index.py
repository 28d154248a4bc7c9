import torch


def pick(logprobs, targets):
    # gather reads one column per row; the index needs the same number of dims as logprobs.
    return logprobs.gather(dim=-1, index=targets.unsqueeze(-1)).squeeze(-1)


def select_positions(h, pos):
    # Pair a column of batch indices with pos: both broadcast to (B, K), and D comes along untouched.
    batch = torch.arange(h.shape[0]).unsqueeze(1)
    return h[batch, pos]
