import torch


def project(v: torch.Tensor, u: torch.Tensor) -> torch.Tensor:
    """v, u: (d,), u nonzero (not necessarily unit length) -> (d,): the projection of v onto span(u).

    proj = (v . u) / (u . u) * u. Same dtype as the inputs.
    """
    raise NotImplementedError
