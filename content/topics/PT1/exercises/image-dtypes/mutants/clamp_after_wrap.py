"""Your values wrap around (200 + 100 gives 44): uint8 arithmetic is modulo 256, and clamping afterwards is too late because 44 is already inside [0, 255]. Convert to a wider integer type (int16 or int32) before adding, then clamp and convert back."""
import torch


def brighten(img, delta):
    return (img + delta).clamp(0, 255)


def to_unit_float(img):
    return img.to(torch.float32) / 255
