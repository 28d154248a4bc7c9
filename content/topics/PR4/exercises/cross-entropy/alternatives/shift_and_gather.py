import torch


def log_softmax(x, dim=-1):
    shifted = x - x.amax(dim=dim, keepdim=True)
    return shifted - torch.log(torch.exp(shifted).sum(dim=dim, keepdim=True))


def cross_entropy(logits, targets):
    log_probs = log_softmax(logits, dim=1)
    return -log_probs.gather(1, targets[:, None]).squeeze(1)
