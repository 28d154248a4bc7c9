import torch


def map_in_basis(A: torch.Tensor, B: torch.Tensor) -> torch.Tensor:
    """A: (d, d), a linear map in standard coordinates. B: (d, d), its columns are the new basis.
    Returns (d, d): the same map with input and output in B-coordinates, i.e. B^-1 A B."""
    raise NotImplementedError
