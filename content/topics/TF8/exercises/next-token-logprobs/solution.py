import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    logprobs = logits[:, :-1].log_softmax(dim=-1)          # (batch, pos - 1, d_vocab): predictions for 1..T-1
    targets = tokens[:, 1:]                                # (batch, pos - 1): the token each position predicts
    return logprobs.gather(-1, targets.unsqueeze(-1)).squeeze(-1)
