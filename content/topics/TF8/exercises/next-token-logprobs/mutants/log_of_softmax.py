"""The log is taken of a softmax: with logits of +-1000 the softmax underflows to 0 and its log is -inf. Use log_softmax (or logits minus their logsumexp), which never forms the tiny probability."""
import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    logprobs = logits[:, :-1].softmax(dim=-1).log()
    targets = tokens[:, 1:]
    return logprobs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
