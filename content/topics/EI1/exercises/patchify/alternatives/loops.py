import torch


def patchify(img, p):
    c, h, w = img.shape
    out = torch.empty((h // p) * (w // p), c * p * p, dtype=img.dtype)
    k = 0
    for top in range(0, h, p):
        for left in range(0, w, p):
            out[k] = img[:, top:top + p, left:left + p].reshape(-1)
            k += 1
    return out
