"""The LayerNorms come after the additions (post-LN, as in the original 2017 Transformer): GPT-2 is pre-LN, resid_mid = resid_pre + attn(ln1(resid_pre)), with the stream itself never normalised."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    resid_mid = ln1(resid_pre + attn(resid_pre))
    resid_post = ln2(resid_mid + mlp(resid_mid))
    return resid_mid, resid_post
