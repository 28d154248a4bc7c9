import torch


def log_softmax(x: torch.Tensor, dim: int = -1) -> torch.Tensor:
    return x - torch.logsumexp(x, dim=dim, keepdim=True)


def cross_entropy(logits: torch.Tensor, targets: torch.Tensor) -> torch.Tensor:
    log_probs = log_softmax(logits, dim=-1)
    return -log_probs[torch.arange(logits.shape[0]), targets]
