"""The log-softmax runs over the position axis (dim=1) instead of the vocabulary (dim=-1): each position's distribution is over the next token, so normalise over d_vocab."""
import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    logprobs = logits[:, :-1].log_softmax(dim=1)
    targets = tokens[:, 1:]
    return logprobs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
