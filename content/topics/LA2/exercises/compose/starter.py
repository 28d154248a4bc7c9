import torch


def compose(maps: list[torch.Tensor]) -> torch.Tensor:
    """maps: [M0 (k1, n), M1 (k2, k1), ..., M_last (m, k_last)], applied in list order (M0 first)
    to column vectors. Returns the (m, n) matrix of the whole chain."""
    raise NotImplementedError
