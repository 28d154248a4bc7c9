import torch


def unbroadcast(grad: torch.Tensor, shape: tuple) -> torch.Tensor:
    """Sum grad down to `shape`, the shape of a tensor that was broadcast to grad.shape.

    Sum away the extra leading axes, then sum (keepdim=True) the axes where shape has size 1.
    """
    raise NotImplementedError
