import torch
import einops


def patchify(img: torch.Tensor, p: int) -> torch.Tensor:
    return einops.rearrange(img, "c (nh ph) (nw pw) -> (nh nw) (c ph pw)", ph=p, pw=p)
