"""The softmax is written as exp(logits) / sum(exp(logits)) without subtracting the maximum: exp(1000) overflows to inf and the result is NaN. Subtract the row's max first, or use log_softmax / logsumexp."""
import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    e = logits[:, :-1].exp()
    logprobs = (e / e.sum(-1, keepdim=True)).log()
    targets = tokens[:, 1:]
    return logprobs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
