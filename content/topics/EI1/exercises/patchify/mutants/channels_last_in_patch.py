"""Inside each patch the channel varies fastest ("(ph pw c)", the channels-last layout): this exercise flattens each patch channel first, "(c ph pw)"."""
import einops


def patchify(img, p):
    return einops.rearrange(img, "c (nh ph) (nw pw) -> (nh nw) (ph pw c)", ph=p, pw=p)
