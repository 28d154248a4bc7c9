import torch


def brighten(img, delta):
    # float32 holds every value from -300 to 555 exactly, so it is as good as a wider integer here.
    return (img.float() + delta).clip(0, 255).to(torch.uint8)


def to_unit_float(img):
    # True division of an integer tensor gives the default float dtype, float32.
    return img / 255
