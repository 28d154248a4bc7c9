"""Written out with loops over the batch and positions: the logit of the next token minus the logsumexp of
the row (which subtracts the maximum internally, so logits of 1000 are safe)."""
import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    batch, pos, _ = logits.shape
    out = torch.empty(batch, pos - 1, dtype=logits.dtype, device=logits.device)
    for b in range(batch):
        for t in range(pos - 1):
            row = logits[b, t]
            out[b, t] = row[tokens[b, t + 1]] - torch.logsumexp(row, dim=0)
    return out
