"""The attention output replaces the stream instead of being added to it: resid_mid = resid_pre + attn(ln1(resid_pre))."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    resid_mid = attn(ln1(resid_pre))
    resid_post = resid_mid + mlp(ln2(resid_mid))
    return resid_mid, resid_post
