"""The MLP reads resid_pre (attention and MLP in parallel); in GPT-2 it reads the stream after the attention has written to it: mlp(ln2(resid_mid))."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    resid_mid = resid_pre + attn(ln1(resid_pre))
    resid_post = resid_mid + mlp(ln2(resid_pre))
    return resid_mid, resid_post
