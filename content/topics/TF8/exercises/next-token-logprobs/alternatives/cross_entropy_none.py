"""Minus the per-token cross-entropy: F.cross_entropy wants the classes on axis 1, so the (batch, pos - 1,
d_vocab) logits are moved to (batch, d_vocab, pos - 1); reduction="none" keeps one number per token."""
import torch
import torch.nn.functional as F


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    predictions = logits[:, :-1].transpose(1, 2)           # (batch, d_vocab, pos - 1)
    return -F.cross_entropy(predictions, tokens[:, 1:], reduction="none")
