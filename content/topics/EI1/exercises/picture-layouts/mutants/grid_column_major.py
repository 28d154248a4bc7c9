"""`grid_2x3` fills the grid column by column (images 0, 2, 4 on top): split the image axis as "(rows cols)", rows first, so consecutive images sit next to each other."""
import torch
import einops


def column_stack(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "b c h w -> c (b h) w")


def grid_2x3(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "(cols rows) c h w -> c (rows h) (cols w)", rows=2)


def channel_strip(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "b c h w -> b h (c w)")


def stretch_tall(imgs: torch.Tensor) -> torch.Tensor:
    return einops.repeat(imgs, "b c h w -> b c (h 2) w")


def max_pool_2x2(imgs: torch.Tensor) -> torch.Tensor:
    return einops.reduce(imgs, "b c (h 2) (w 2) -> b c h w", "max")
