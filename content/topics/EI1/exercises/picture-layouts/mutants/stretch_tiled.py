"""`stretch_tall` stacks two copies of the picture ("(2 h)") instead of doubling each row: "(h 2)" repeats every row twice in a row."""
import torch
import einops


def column_stack(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "b c h w -> c (b h) w")


def grid_2x3(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "(rows cols) c h w -> c (rows h) (cols w)", rows=2)


def channel_strip(imgs: torch.Tensor) -> torch.Tensor:
    return einops.rearrange(imgs, "b c h w -> b h (c w)")


def stretch_tall(imgs: torch.Tensor) -> torch.Tensor:
    return einops.repeat(imgs, "b c h w -> b c (2 h) w")


def max_pool_2x2(imgs: torch.Tensor) -> torch.Tensor:
    return einops.reduce(imgs, "b c (h 2) (w 2) -> b c h w", "max")
