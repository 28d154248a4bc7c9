"""TransformerLens's per-token loss (lm_cross_entropy_loss with per_token=True), without the minus sign: a
log-softmax over the whole sequence, then the predictions at 0..T-2 gathered at the tokens 1..T-1."""
import torch
import torch.nn.functional as F


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    log_probs = F.log_softmax(logits, dim=-1)
    return log_probs[..., :-1, :].gather(dim=-1, index=tokens[..., 1:, None])[..., 0]
