import torch


def unravel(index: int, shape: tuple) -> tuple:
    """The row-major multi-index (a tuple of ints) of flat position index in a tensor of this shape."""
    raise NotImplementedError


def pad_zeros(x: torch.Tensor, p: int) -> torch.Tensor:
    """(h, w) -> (h + 2p, w + 2p), x in the middle, zeros around it; x's dtype. No F.pad."""
    raise NotImplementedError


def minmax_scale(x: torch.Tensor) -> torch.Tensor:
    """(x - x.min()) / (x.max() - x.min()) over all entries; zeros if all entries are equal."""
    raise NotImplementedError
