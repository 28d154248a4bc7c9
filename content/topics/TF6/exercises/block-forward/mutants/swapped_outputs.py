"""The pair is returned in the wrong order: the first value is resid_mid (after the attention), the second resid_post (after the MLP)."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    resid_mid = resid_pre + attn(ln1(resid_pre))
    resid_post = resid_mid + mlp(ln2(resid_mid))
    return resid_post, resid_mid
