"""Your floats are float64: the exercise asks for float32 (img.float() / 255 or img.to(torch.float32) / 255)."""
import torch


def brighten(img: torch.Tensor, delta: int) -> torch.Tensor:
    return (img.to(torch.int16) + delta).clamp(0, 255).to(torch.uint8)


def to_unit_float(img: torch.Tensor) -> torch.Tensor:
    return img.to(torch.float64) / 255
