import torch


def brighten(img, delta):
    wide = img.int() + delta
    wide = torch.where(wide > 255, torch.full_like(wide, 255), wide)
    wide = torch.where(wide < 0, torch.zeros_like(wide), wide)
    return wide.to(dtype=torch.uint8)


def to_unit_float(img):
    return img.to(torch.float32).div(255.0)
