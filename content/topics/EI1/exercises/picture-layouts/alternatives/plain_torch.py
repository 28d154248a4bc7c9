import torch
import torch.nn.functional as F


def column_stack(imgs):
    return torch.cat(list(imgs.unbind(0)), dim=1)


def grid_2x3(imgs):
    rows = [torch.cat(list(imgs[3 * r:3 * r + 3]), dim=2) for r in range(2)]
    return torch.cat(rows, dim=1)


def channel_strip(imgs):
    return torch.cat([imgs[:, c] for c in range(imgs.shape[1])], dim=-1)


def stretch_tall(imgs):
    return imgs.repeat_interleave(2, dim=2)


def max_pool_2x2(imgs):
    # max_pool2d wants floats; every uint8 value is exact in float32, so the round trip loses nothing.
    return F.max_pool2d(imgs.float(), kernel_size=2).to(torch.uint8)
