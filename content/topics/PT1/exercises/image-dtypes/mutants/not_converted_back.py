"""Your result is not uint8: after clamping in the wider type, convert back with .to(torch.uint8)."""
import torch


def brighten(img: torch.Tensor, delta: int) -> torch.Tensor:
    return (img.to(torch.int16) + delta).clamp(0, 255)


def to_unit_float(img: torch.Tensor) -> torch.Tensor:
    return img.to(torch.float32) / 255
