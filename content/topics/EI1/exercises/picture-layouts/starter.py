import torch
import einops

# imgs: uint8 tensor (6, 3, H, W) = (image, channel, height, width), H and W even. Return uint8.


def column_stack(imgs: torch.Tensor) -> torch.Tensor:
    """(6, 3, H, W) -> (3, 6H, W): the images one above the other, image 0 on top."""
    raise NotImplementedError


def grid_2x3(imgs: torch.Tensor) -> torch.Tensor:
    """(6, 3, H, W) -> (3, 2H, 3W): 2 rows of 3 images, filled row by row (0, 1, 2 on top)."""
    raise NotImplementedError


def channel_strip(imgs: torch.Tensor) -> torch.Tensor:
    """(6, 3, H, W) -> (6, H, 3W): each image's red, green, blue channels side by side, red on the left."""
    raise NotImplementedError


def stretch_tall(imgs: torch.Tensor) -> torch.Tensor:
    """(6, 3, H, W) -> (6, 3, 2H, W): every pixel row repeated twice in a row."""
    raise NotImplementedError


def max_pool_2x2(imgs: torch.Tensor) -> torch.Tensor:
    """(6, 3, H, W) -> (6, 3, H/2, W/2): the max of each 2 x 2 block of neighbouring pixels."""
    raise NotImplementedError
