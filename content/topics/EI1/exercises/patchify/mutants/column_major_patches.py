"""Your patches come in column-major order (down the first column of patches, then the next): number them row by row, "(nh nw)" not "(nw nh)"."""
import einops


def patchify(img, p):
    return einops.rearrange(img, "c (nh ph) (nw pw) -> (nw nh) (c ph pw)", ph=p, pw=p)
