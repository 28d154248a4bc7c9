import torch


def next_token_logprobs(logits: torch.Tensor, tokens: torch.Tensor) -> torch.Tensor:
    """The log-probability the model gave to each token that actually came next.

    logits: (batch, pos, d_vocab), the model's output at every position; logits[b, t] is its prediction for
            the token at position t + 1.
    tokens: (batch, pos) int64, the sequences the logits were computed from.
    Returns (batch, pos - 1) with out[b, t] = log softmax(logits[b, t])[tokens[b, t + 1]], in the dtype and on
    the device of `logits`. The first token has no prediction (nothing comes before it) and the last position's
    logits have no target (nothing comes after it).

    Must stay exact for large logits (say +-1000): never take the log of a softmax or the exp of a raw logit.
    The mean of -next_token_logprobs(...) is the language-model loss.
    """
    raise NotImplementedError
