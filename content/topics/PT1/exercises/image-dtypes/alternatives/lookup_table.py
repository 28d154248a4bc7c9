import torch


def brighten(img, delta):
    # A 256-entry table: what each byte value becomes; then index it with the image.
    table = torch.tensor([min(255, max(0, v + delta)) for v in range(256)], dtype=torch.uint8)
    return table[img.long()]


def to_unit_float(img):
    table = torch.arange(256, dtype=torch.float64) / 255
    return table.float()[img.long()]
