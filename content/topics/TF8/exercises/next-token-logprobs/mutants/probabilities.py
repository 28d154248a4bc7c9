"""Probabilities are returned instead of log-probabilities: take log_softmax, not softmax (the loss is the mean of minus the log-probabilities)."""
import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    probs = logits[:, :-1].softmax(dim=-1)
    targets = tokens[:, 1:]
    return probs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
