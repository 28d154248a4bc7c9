"""TransformerLens's TransformerBlock.forward, with its names: attn_out and mlp_out are the sub-layers' writes
to the stream, added to a cloned stream in place (a clone, so the caller's resid_pre stays as it was)."""
import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    attn_out = attn(ln1(resid_pre))
    resid_mid = resid_pre.clone()
    resid_mid += attn_out
    mlp_out = mlp(ln2(resid_mid))
    resid_post = resid_mid + mlp_out
    return resid_mid, resid_post
