def column_stack(imgs):
    b, c, h, w = imgs.shape
    return imgs.permute(1, 0, 2, 3).reshape(c, b * h, w)


def grid_2x3(imgs):
    b, c, h, w = imgs.shape
    # (rows, cols, c, h, w) -> (c, rows, h, cols, w): rows with pixel rows, columns with pixel columns.
    return imgs.reshape(2, 3, c, h, w).permute(2, 0, 3, 1, 4).reshape(c, 2 * h, 3 * w)


def channel_strip(imgs):
    b, c, h, w = imgs.shape
    return imgs.permute(0, 2, 1, 3).reshape(b, h, c * w)


def stretch_tall(imgs):
    b, c, h, w = imgs.shape
    return imgs[:, :, :, None, :].expand(b, c, h, 2, w).reshape(b, c, 2 * h, w)


def max_pool_2x2(imgs):
    b, c, h, w = imgs.shape
    return imgs.reshape(b, c, h // 2, 2, w // 2, 2).amax(dim=(3, 5))
