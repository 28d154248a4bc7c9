import torch


def patchify(img, p):
    c, h, w = img.shape
    nh, nw = h // p, w // p
    # Split both spatial axes into (which patch, where inside it), bring the two patch indices to the front.
    blocks = img.reshape(c, nh, p, nw, p).permute(1, 3, 0, 2, 4)
    return blocks.reshape(nh * nw, c * p * p)
