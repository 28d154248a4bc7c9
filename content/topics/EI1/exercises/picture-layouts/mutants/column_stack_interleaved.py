"""`column_stack` interleaves the rows of the six images ("(h b)"): in a merged axis the left name varies slowest, so write "(b h)" to keep each image's rows together."""
import torch
import einops


def column_stack(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "b c h w -> c (h b) w")


def grid_2x3(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "(rows cols) c h w -> c (rows h) (cols w)", rows=2)


def channel_strip(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "b c h w -> b h (c w)")


def stretch_tall(imgs: torch.Tensor) -> torch.Tensor:
    return einops.repeat(imgs, "b c h w -> b c (h 2) w")


def max_pool_2x2(imgs: torch.Tensor) -> torch.Tensor:
    return einops.reduce(imgs, "b c (h 2) (w 2) -> b c h w", "max")
