"""`reshape` alone cuts the image into runs of consecutive pixels, not square patches: the axes must be reordered (rearrange, or permute) before flattening."""


def patchify(img, p):
    c, h, w = img.shape
    return img.reshape(h * w // (p * p), c * p * p)
