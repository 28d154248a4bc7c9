"""The block adds into resid_pre in place (resid += ...), which changes the caller's tensor; write resid_mid = resid_pre + ... instead."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    resid_mid = resid_pre
    resid_mid += attn(ln1(resid_pre))
    resid_post = resid_mid + mlp(ln2(resid_mid))
    return resid_mid, resid_post
