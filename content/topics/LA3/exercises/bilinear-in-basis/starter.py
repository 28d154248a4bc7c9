import torch


def bilinear_in_basis(W: torch.Tensor, P: torch.Tensor) -> torch.Tensor:
    """W: (d, d), the bilinear form beta(x, y) = x^T W y in standard coordinates.
    P: (d, d), its columns are the new basis, so x = P x' and y = P y'.
    Returns W' (d, d) with x'^T W' y' == x^T W y."""
    raise NotImplementedError
