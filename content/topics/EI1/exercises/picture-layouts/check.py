import torch
from grader.checks import test, learner, expect_tensor

# Independent references with plain torch (cat, stack, indexing, loops); no einops.


def ref_column_stack(x):
    return torch.cat(list(x), dim=1)  # (3, H, W) pieces stacked along height


def ref_grid_2x3(x):
    top = torch.cat([x[0], x[1], x[2]], dim=2)  # along width
    bottom = torch.cat([x[3], x[4], x[5]], dim=2)
    return torch.cat([top, bottom], dim=1)  # along height


def ref_channel_strip(x):
    return torch.cat([x[:, 0], x[:, 1], x[:, 2]], dim=2)  # (6, H, W) pieces along width


def ref_stretch_tall(x):
    out = torch.empty(x.shape[0], x.shape[1], 2 * x.shape[2], x.shape[3], dtype=x.dtype)
    out[:, :, 0::2] = x
    out[:, :, 1::2] = x
    return out


def ref_max_pool_2x2(x):
    corners = torch.stack([x[:, :, u::2, v::2] for u in (0, 1) for v in (0, 1)])
    return corners.max(dim=0).values


def pictures(h, w):
    """Six random 3-channel uint8 pictures from the test's seeded generator."""
    return torch.randint(0, 256, (6, 3, h, w), dtype=torch.uint8)


CASES = [
    ("column_stack", ref_column_stack, "(channel, 6*H, W)"),
    ("grid_2x3", ref_grid_2x3, "(channel, 2*H, 3*W)"),
    ("channel_strip", ref_channel_strip, "(image, H, 3*W)"),
    ("stretch_tall", ref_stretch_tall, "(image, channel, 2*H, W)"),
    ("max_pool_2x2", ref_max_pool_2x2, "(image, channel, H/2, W/2)"),
]


def register(fn_name, reference, dims, h, w):
    @test(f"{fn_name}: six 3-channel {h} x {w} pictures, imgs of shape (6, 3, {h}, {w})")
    def case():
        imgs = pictures(h, w)
        expect_tensor(getattr(learner, fn_name)(imgs), reference(imgs), dims=dims)


for h, w in [(20, 14), (8, 10)]:
    for fn_name, reference, dims in CASES:
        register(fn_name, reference, dims, h, w)
