"""The stream is replaced by its normalised version before the attention adds to it (x = ln1(x); x = x + attn(x)); the LayerNorm output only feeds the sub-layer: resid_mid = resid_pre + attn(ln1(resid_pre))."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    x = ln1(resid_pre)
    resid_mid = x + attn(x)
    x = ln2(resid_mid)
    resid_post = x + mlp(x)
    return resid_mid, resid_post
