"""Your "patches" are strided samples (every (H/p)-th pixel), not contiguous p x p blocks: in "(nh ph)" the patch index must come first and the position inside the patch second."""
import einops


def patchify(img, p):
    return einops.rearrange(img, "c (ph nh) (pw nw) -> (nh nw) (c ph pw)", ph=p, pw=p)
