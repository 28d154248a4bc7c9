"""Values below 0 wrap around (10 - 50 becomes 216): you clamp only at 255. Clamp to both ends, clamp(0, 255), before converting back to uint8."""
import torch


def brighten(img, delta):
    return (img.to(torch.int16) + delta).clamp(max=255).to(torch.uint8)


def to_unit_float(img):
    return img.to(torch.float32) / 255
