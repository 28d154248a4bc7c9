"""Each patch is flattened column by column ("(c pw ph)"): flatten it row by row, "(c ph pw)", like the image itself."""
import einops


def patchify(img, p):
    return einops.rearrange(img, "c (nh ph) (nw pw) -> (nh nw) (c pw ph)", ph=p, pw=p)
