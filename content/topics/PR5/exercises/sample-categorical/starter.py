import torch


def sample_categorical(probs: torch.Tensor, n: int, seed: int) -> torch.Tensor:
    """n draws of an outcome k in 0..K-1 with probability probs[k] / probs.sum(), as int64 of shape (n,).

    Inverse CDF: u = torch.rand(n, generator=torch.Generator().manual_seed(seed), dtype=torch.float64);
    sample = first k with u * C[-1] < C[k], where C = cumsum(probs). No multinomial / distributions.
    """
    raise NotImplementedError
