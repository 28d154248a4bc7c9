import torch


def block_forward(resid_pre: torch.Tensor, ln1, attn, ln2, mlp) -> tuple:
    """One pre-LayerNorm transformer block, with its four sub-layers passed in as functions.

    resid_pre: the residual stream entering the block, (batch, pos, d_model).
    ln1, attn, ln2, mlp: functions from a (batch, pos, d_model) tensor to another of the same shape.
    Each sub-layer (attn, then mlp) reads the stream through its own LayerNorm (ln1, ln2) and ADDS its output
    to the stream. Returns the pair (resid_mid, resid_post): the stream after the attention sub-layer and after
    the MLP sub-layer. Call each function once; do not change resid_pre in place.
    """
    raise NotImplementedError
