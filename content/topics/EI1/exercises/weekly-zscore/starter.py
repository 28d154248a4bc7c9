import torch
import einops


def weekly_zscore(temps: torch.Tensor) -> torch.Tensor:
    """temps: (n_days,), n_days a multiple of 7 -> (n_days,), each day's z-score within its week.

    Week w is days 7w .. 7w+6. z = (x - weekly mean) / weekly std, with the unbiased std (divide by 6).
    Same dtype as temps.
    """
    raise NotImplementedError
