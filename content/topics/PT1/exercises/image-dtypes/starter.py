import torch


def brighten(img: torch.Tensor, delta: int) -> torch.Tensor:
    """uint8 tensor + delta, saturated to [0, 255], returned as uint8 of the same shape."""
    raise NotImplementedError


def to_unit_float(img: torch.Tensor) -> torch.Tensor:
    """uint8 tensor -> float32 tensor of value / 255, same shape."""
    raise NotImplementedError
