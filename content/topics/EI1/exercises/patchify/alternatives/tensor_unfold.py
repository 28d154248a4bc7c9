def patchify(img, p):
    # unfold(dim, size, step) adds a trailing axis of windows; with step = size the windows are the patches.
    blocks = img.unfold(1, p, p).unfold(2, p, p)          # (C, nh, nw, p, p)
    c, nh, nw = blocks.shape[:3]
    return blocks.permute(1, 2, 0, 3, 4).contiguous().view(nh * nw, c * p * p)
